using System.CommandLine;
using HealthKart.Core;
using HealthKart.Core.DataContract;
using HealthKart.Core.Validation;
using Spectre.Console;

namespace HealthKart.Cli;

/// <summary>
/// <c>hk validate PATH...</c>: the ingestion rules, offline. Folders are searched for CSVs; an influencers file among
/// them is validated first and used to check the others' influencer IDs, as ingestion would. Exits 1 on any error.
/// </summary>
internal static class ValidateCommand
{
    private const int ShownIssues = 20;

    /// <summary>
    /// Files from this size get a progress bar on a terminal: about 150,000 tracking rows, 0.2 s here; a 2 GiB file
    /// takes half a minute.
    /// </summary>
    private const long ProgressBarBytes = 16 * 1024 * 1024;

    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "CSV files or folders of CSV files",
            Arity = ArgumentArity.OneOrMore
        };
        var command = new Command("validate",
            "Check CSV files against the upload rules without uploading them; exits non-zero on errors") { paths };
        command.SetAction(parseResult => Run(parseResult.GetValue(paths)!));
        return command;
    }

    private static int Run(string[] paths)
    {
        var missing = paths.Where(p => !File.Exists(p) && !Directory.Exists(p)).ToList();
        if (missing.Count > 0)
        {
            AnsiConsole.MarkupLine($"[red]Not found:[/] {Markup.Escape(string.Join(", ", missing))}");
            return 2;
        }

        var files = paths.SelectMany(Expand).ToList();
        if (files.Count == 0)
        {
            AnsiConsole.MarkupLine("[red]No CSV files found.[/] Give file paths or folders that contain *.csv files.");
            return 2;
        }

        var context = ValidationContext.None;
        var failed = 0;
        foreach (var file in files.OrderBy(f => DatasetNames.FromBlobName(Path.GetFileName(f),
            out _) == Dataset.Influencers ? 0 : 1))
        {
            ValidationReport report;
            FileStream stream;
            try
            {
                stream = File.OpenRead(file);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                AnsiConsole.MarkupLine(
                    $"{Markup.Escape(file)}: [red]cannot be read[/]: {Markup.Escape(exception.Message)}");
                failed++;
                continue;
            }

            using (stream)
            {
                var outcome = stream.Length >= ProgressBarBytes && AnsiConsole.Profile.Capabilities.Interactive
                    ? ValidateWithProgressBar(file, stream, context)
                    : UploadValidator.Validate(Path.GetFileName(file), stream, context);
                report = outcome.Report;
                if (outcome.Facts is { Dataset: Dataset.Influencers } influencers)
                {
                    context = new ValidationContext(influencers.Influencers.ToDictionary(i => i.Id,
                        i => i.FollowerCount, StringComparer.OrdinalIgnoreCase));
                }
            }

            Print(file, report);
            failed += report.Accepted ? 0 : 1;
        }

        AnsiConsole.MarkupLine((failed, files.Count) switch
        {
            (0, 1) => "[green]The file is valid.[/]",
            (0, var all) => $"[green]All {all} files are valid.[/]",
            _ => $"[red]{failed} of {IndianText.Count(files.Count, "file")} {(failed == 1 ? "has" : "have")} " +
                "errors[/] and would be rejected. Fix the rows listed above and validate again.",
        });
        return failed == 0 ? 0 : 1;
    }

    /// <summary>The bar follows the bytes read, and goes when the file is done, before its verdict.</summary>
    private static UploadValidator.Outcome ValidateWithProgressBar(string file, FileStream stream,
        ValidationContext context)
    {
        UploadValidator.Outcome? outcome = null;
        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new RemainingTimeColumn())
            .Start(progress =>
            {
                var task = progress.AddTask(Markup.Escape(Path.GetFileName(file)), maxValue: stream.Length);
                outcome = UploadValidator.Validate(Path.GetFileName(file), stream, context,
                    onProgress: _ => task.Value = stream.Position);
            });

        return outcome!;
    }

    private static IEnumerable<string> Expand(string path) =>
        Directory.Exists(path) ? Directory.EnumerateFiles(path, "*.csv").Order(StringComparer.Ordinal) : [path];

    private static void Print(string file, ValidationReport report)
    {
        var verdict = report.Accepted ? "[green]valid[/]" : "[red]rejected[/]";
        var dates = report.FirstDate is null ? "" : $", {IndianText.Dates(report.FirstDate, report.LastDate)}";
        AnsiConsole.MarkupLine(
            $"{Markup.Escape(file)}: {verdict} ({report.Dataset?.FileStem() ?? "unknown dataset"}, " +
            $"{IndianText.Count(report.Rows, "row")}{dates}, {IndianText.Count(report.ErrorCount, "error")}, " +
            $"{IndianText.Count(report.WarningCount, "warning")})");
        foreach (var (kind, issues, total) in new[] { ("error", report.Errors, report.ErrorCount),
            ("warning", report.Warnings, report.WarningCount) })
        {
            if (issues.Count == 0)
            {
                continue;
            }

            var table = new Table().AddColumns("row", "column", "value", "reason").Border(TableBorder.Simple);
            foreach (var issue in issues.Take(ShownIssues))
            {
                table.AddRow(issue.Row == 0 ? "file" : IndianText.Count(issue.Row), Markup.Escape(issue.Column ?? ""),
                    Markup.Escape(issue.Value ?? ""), Markup.Escape(issue.Reason));
            }

            AnsiConsole.MarkupLine(
                $"  {(kind == "error" ? "[red]" : "[yellow]")}{kind}s[/] (showing " +
                $"{Math.Min(ShownIssues, issues.Count)} of {IndianText.Count(total)}):");
            AnsiConsole.Write(table);
        }
    }
}
