using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using System.Globalization;
using HealthKart.Core;
using HealthKart.Core.Money;
using HealthKart.Simulation;
using Spectre.Console;

namespace HealthKart.Cli;

/// <summary>
/// <c>hk simulate</c>: writes a deterministic, realistic sample of the four CSVs plus the ground truth.
/// </summary>
internal static class SimulateCommand
{
    /// <summary>Runs this big or bigger get a progress bar.</summary>
    private const long ProgressBarRows = 100_000;

    public static Command Create()
    {
        var defaults = new SimulationOptions();
        var seed = new Option<int>("--seed")
        {
            HelpName = "N",
            Description = "Seed of every random draw; the same seed gives byte-identical files",
            DefaultValueFactory = _ => defaults.Seed,
        };
        var output = new Option<string>("--out")
        {
            HelpName = "DIR",
            Description = "Directory to write the CSVs and ground_truth.json to",
            DefaultValueFactory = _ => "data",
        };
        var influencers = new Option<int>("--influencers")
        {
            HelpName = "N",
            Description = "Number of influencers",
            DefaultValueFactory = _ => defaults.Influencers,
        };
        var days = new Option<int>("--days")
        {
            HelpName = "N",
            Description = "Length of the simulated period in days",
            DefaultValueFactory = _ => defaults.Days,
        };
        var end = new Option<DateOnly?>("--end")
        {
            HelpName = "yyyy-MM-dd",
            Description =
                "Last day of the period [default: yesterday in India, so date presets and weekly " +
                "previews show activity]",
            CustomParser = ParseDate,
        };
        var start = new Option<DateOnly?>("--start")
        {
            HelpName = "yyyy-MM-dd",
            Description = "First day of the period, instead of --end",
            CustomParser = ParseDate,
        };
        var postsPerInfluencer = new Option<double>("--posts-per-influencer")
        {
            HelpName = "N",
            Description = "Average posts per influencer over the period",
            DefaultValueFactory = _ => defaults.PostsPerInfluencer,
        };
        var trackingRows = new Option<long?>("--tracking-rows")
        {
            HelpName = "N",
            Description =
                "Approximate number of tracking rows; scales organic and attributed order volume (default: " +
                "about 2,800 for 90 days)",
        };
        var trueLift = new Option<double>("--true-lift")
        {
            HelpName = "F",
            Description =
                "True lift of posts: extra revenue as a fraction of the counterfactual revenue of the " +
                "product-days they reach",
            DefaultValueFactory = _ => defaults.TrueLift,
        };

        var command =
            new Command("simulate",
                "Write a deterministic sample of influencers, posts, tracking data and payouts, " +
                "with the true lift of posts")
        {
            seed, output, influencers, days, end, start, postsPerInfluencer, trackingRows, trueLift,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(start) is not null && result.GetResult(end) is not null)
            {
                result.AddError("Give --start or --end, not both: the period is --days long either way.");
            }
        });

        command.SetAction((ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var options = defaults with
            {
                Seed = parseResult.GetValue(seed),
                Influencers = parseResult.GetValue(influencers),
                Days = parseResult.GetValue(days),
                PostsPerInfluencer = parseResult.GetValue(postsPerInfluencer),
                TrackingRows = parseResult.GetValue(trackingRows),
                TrueLift = parseResult.GetValue(trueLift),
            };
            options = parseResult.GetValue(start) is { } first
                ? options with { StartDate = first }
                : options.EndingOn(parseResult.GetValue(end) ?? IndiaTime.Yesterday(TimeProvider.System));

            return Task.FromResult(Run(options, parseResult.GetValue(output) ?? "data", cancellationToken));
        });

        return command;
    }

    private static int Run(SimulationOptions options, string directory, CancellationToken cancellationToken)
    {
        try
        {
            options.Validate();
            var clock = Stopwatch.StartNew();
            var expected = options.TrackingRows
                ?? (long)(options.OrganicOrdersPerDay * options.Days * (1 + options.TrueLift));
            var result = expected >= ProgressBarRows && AnsiConsole.Profile.Capabilities.Interactive
                ? RunWithProgressBar(options, directory, cancellationToken)
                : Simulator.Run(options, directory, cancellationToken: cancellationToken);
            clock.Stop();
            Summarise(result, clock.Elapsed);
            return 0;
        }
        catch (InvalidSimulationOption error)
        {
            // The options' ranges live in SimulationOptions; each property is the option of the same name.
            var option = "--" + string.Concat(error.Option.Select((c, i) =>
                char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));
            AnsiConsole.MarkupLineInterpolated($"[red]{option} {error.Reason}.[/]");
            return 1;
        }
        catch (OperationCanceledException)
        {
            AnsiConsole.MarkupLine("[yellow]Cancelled; the files in the output directory are incomplete.[/]");
            return 130;
        }
        catch (IOException error)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Could not write {directory}:[/] {error.Message}");
            return 1;
        }
    }

    private static SimulationResult RunWithProgressBar(SimulationOptions options, string directory,
        CancellationToken cancellationToken)
    {
        SimulationResult? result = null;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("tracking rows", maxValue: options.TrackingRows ?? 1);
                result = Simulator.Run(options, directory, new TrackingRowsBar(task), cancellationToken);
                task.Value = task.MaxValue;
            });

        return result!;
    }

    private static void Summarise(SimulationResult result, TimeSpan elapsed)
    {
        var table = new Table()
            .AddColumn("File")
            .AddColumn(new TableColumn("Rows").RightAligned())
            .AddColumn(new TableColumn("Size").RightAligned());
        foreach (var file in result.Files)
        {
            var size = new FileInfo(file.Path).Length;
            table.AddRow(
                Markup.Escape(file.Path),
                IndianText.Count(file.Rows),
                IndianText.Count((long)Math.Round(size / 1024.0)) + " KB");
        }

        AnsiConsole.Write(table);
        var truth = result.GroundTruth;
        var (firstDay, lastDay) = (IndianText.Date(truth.Options.StartDate), IndianText.Date(truth.Options.EndDate));
        var period = Markup.Escape($"{firstDay} to {lastDay}");
        var lift = Markup.Escape(IndianText.Number((decimal)truth.LiftOnReachedDays * 100, 1));
        var seconds = elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"Seed {truth.Seed}, {period}: true incremental revenue " +
            $"[green]{Markup.Escape(Inr.Format(truth.TrueIncrementalRevenue))}[/] (lift {lift} % on reached " +
            $"product-days), attributed [yellow]{Markup.Escape(Inr.Format(truth.AttributedRevenue))}[/]; " +
            $"written in {seconds} s."));
    }

    internal static DateOnly? ParseDate(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        result.AddError($"'{text}' is not a date in yyyy-MM-dd form.");
        return null;
    }

    /// <summary>Moves the Spectre progress bar as the simulator reports tracking rows written.</summary>
    private sealed class TrackingRowsBar(ProgressTask task) : IProgress<SimulationProgress>
    {
        public void Report(SimulationProgress value)
        {
            task.MaxValue = value.ExpectedRows;
            task.Value = value.RowsWritten;
        }
    }
}
