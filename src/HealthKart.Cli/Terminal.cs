using Spectre.Console;

namespace HealthKart.Cli;

/// <summary>
/// What <c>hk</c> may write: colours, progress bars and cursor moves only to a terminal, and never when <c>NO_COLOR</c>
/// is set (https://no-color.org), so piped or redirected output (a log, a CI step, <c>| grep</c>) is plain text.
/// </summary>
internal static class Terminal
{
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
    }
}
