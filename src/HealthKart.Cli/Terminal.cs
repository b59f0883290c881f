using Spectre.Console;

namespace HealthKart.Cli;

/// <summary>
/// What <c>hk</c> may write: colours, progress bars and cursor moves only to a terminal, and never when <c>NO_COLOR</c>
/// is set (https://no-color.org), so piped or redirected output (a log, a CI step, <c>| grep</c>) is plain text, one
/// line per line: Spectre wraps at 80 columns where it finds no terminal, which cut a file's verdict in two.
/// </summary>
internal static class Terminal
{
    /// <summary>The width redirected output may take before a line wraps: wider than any line hk writes.</summary>
    private const int RedirectedWidth = 4096;

    public static bool Plain(bool outputRedirected, string? noColor) => outputRedirected
        || !string.IsNullOrEmpty(noColor);

    /// <summary>Replaces Spectre's console with one that follows <see cref="Plain"/> for this process.</summary>
    public static void Configure()
    {
        if (!Plain(Console.IsOutputRedirected, Environment.GetEnvironmentVariable("NO_COLOR")))
        {
            return;
        }

        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = RedirectedWidth;
        }
    }
}
