using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HealthKart.Integration.Tests.Cli;

/// <summary>
/// hk writes for people: dates as 1 Jun 2025, rupees with Indian grouping, and colour only to a terminal that has not
/// asked for none (NO_COLOR). A terminal is given to it with util-linux's <c>script</c>, which runs it on a
/// pseudo-terminal.
/// </summary>
public sealed partial class PlainOutputTests
{
    [Fact]
    public async Task PipedOutputIsPlainTextWithPeoplesDatesAndIndianGrouping()
    {
        var folder = Directory.CreateTempSubdirectory("hk-simulate-");
        try
        {
            var (exitCode, output) = await HkProcess.RunAsync("simulate", "--end", "2025-08-29", "--out",
                folder.FullName);

            Assert.Equal(0, exitCode);
            Assert.DoesNotMatch(Colour(), output);
            Assert.Contains("Seed 42, 1 Jun 2025 to 29 Aug 2025", output);
            // The committed sample's attributed revenue is 1143546 rupees: 11 lakh 43 thousand 546, written 11,43,546.
            var truth =
                JsonDocument.Parse(
                    File.ReadAllText(Path.Combine(HkProcess.RepositoryRoot, "data", "ground_truth.json"))).RootElement;
            Assert.Equal(1143546m, truth.GetProperty("attributed_revenue").GetDecimal());
            Assert.Contains("attributed ₹11,43,546.00", output);
            Assert.Contains("2,763", output); // tracking rows (2,764 lines less the header), grouped
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task PipedOutputKeepsEachLineWhole()
    {
        var (exitCode, output) = await HkProcess.RunAsync("validate", "data");

        Assert.True(exitCode == 0, output);
        // Longer than the 80 columns Spectre assumes without a terminal; a wrapped line would break the pattern.
        Assert.Matches(@"data/tracking_data\.csv: valid \(tracking_data, [0-9,]+ rows, 1 Jun 2025 to 29 Aug 2025, " +
            @"0 errors, 0 warnings\)", output);
    }

    [Fact]
    public async Task ATerminalGetsColourUnlessNoColorIsSet()
    {
        Assert.True(File.Exists("/usr/bin/script"),
            "util-linux's script (Debian's bsdutils) gives hk a terminal for this test.");

        var coloured = await OnATerminalAsync(noColor: null);
        var plain = await OnATerminalAsync(noColor: "1");

        Assert.Matches(Colour(), coloured); // the terminal is real: "valid" is green
        Assert.DoesNotMatch(Colour(), plain);
        Assert.Matches(@"data/payouts\.csv: valid \(payouts, [0-9,]+ rows", plain);
    }

    [Fact]
    public async Task ATerminalSeesTheProgressOfABigFilesValidation()
    {
        var folder = Directory.CreateTempSubdirectory("hk-validate-big-");
        try
        {
            var (simulated, _) = await HkProcess.RunAsync("simulate", "--end", "2025-08-29", "--tracking-rows",
                "200000", "--out", folder.FullName);
            Assert.Equal(0, simulated);
            var file = Path.Combine(folder.FullName, "tracking_data.csv");
            Assert.True(new FileInfo(file).Length >= 16 << 20, "a file big enough for the progress bar (16 MiB)");

            var shown = await OnATerminalAsync(noColor: null, file);
            var (exitCode, piped) = await HkProcess.RunAsync("validate", file);

            Assert.Matches(@"tracking_data\.csv [^\r\n]*\d+%", shown); // the bar, with how far it got
            Assert.Contains("The file is valid.", shown);
            Assert.Equal(0, exitCode);
            Assert.DoesNotMatch(@"\d+%", piped);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<string> OnATerminalAsync(string? noColor, string file = "data/payouts.csv")
    {
        var start = new ProcessStartInfo("/usr/bin/script")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = HkProcess.RepositoryRoot
        };
        foreach (var argument in new[] { "-qec",
            $"dotnet \"{Path.Combine(AppContext.BaseDirectory, "hk.dll")}\" validate \"{file}\"", "/dev/null" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("NO_COLOR");
        if (noColor is not null)
        {
            start.Environment["NO_COLOR"] = noColor;
        }

        start.Environment["TERM"] = "xterm-256color";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return await output;
    }

    /// <summary>An ANSI colour or style (SGR) sequence: ESC [ numbers m.</summary>
    [GeneratedRegex(@"\u001b\[[0-9;]*m")]
    private static partial Regex Colour();
}
