using System.CommandLine;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using HealthKart.Core;
using HealthKart.Core.Problems;
using HealthKart.Core.Validation;
using HealthKart.Infrastructure.Ingestion;
using HealthKart.Local;
using Spectre.Console;

namespace HealthKart.Cli;

/// <summary>
/// <c>hk upload FILE...</c>: writes files straight into the inbox container (no HTTP body limit), with a progress bar.
/// The blob trigger (or <c>hk serve</c>'s poller) ingests them; <c>GET /api/uploads</c> shows how that went.
/// </summary>
internal static class UploadCommand
{
    public static Command Create()
    {
        var files =
            new Argument<string[]>("files")
            {
                Description = "CSV files to upload; the file name decides the dataset",
                Arity = ArgumentArity.OneOrMore
            };
        var storage = new Option<string>("--storage")
        {
            Description = "Storage connection string (default: the local Azurite that 'hk serve' starts)",
            DefaultValueFactory = _ => AzuriteServer.DefaultConnectionString,
        };
        var container = new Option<string>("--container")
        {
            Description = "Inbox container",
            DefaultValueFactory = _ =>
            "uploads"
        };
        var command = new Command("upload", "Upload CSV files to the inbox container for ingestion") { files, storage,
            container };
        command.SetAction((parseResult, cancellationToken) =>
            RunAsync(parseResult.GetValue(files)!, parseResult.GetValue(storage)!, parseResult.GetValue(container)!,
                cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string[] files, string storage, string containerName,
        CancellationToken cancellationToken)
    {
        var missing = files.Where(f => !File.Exists(f)).ToList();
        if (missing.Count > 0)
        {
            AnsiConsole.MarkupLine($"[red]Not found:[/] {Markup.Escape(string.Join(", ", missing))}");
            return 2;
        }

        // Every name is checked before any file is sent, so one wrong name uploads nothing.
        var refused = files.Select(f => NameProblem(Path.GetFileName(f))).OfType<string>().ToList();
        if (refused.Count > 0)
        {
            refused.ForEach(reason => AnsiConsole.MarkupLine($"[red]Not uploaded:[/] {Markup.Escape(reason)}"));
            return 2;
        }

        var container = new BlobContainerClient(storage, containerName);
        try
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
        catch (Exception exception) when (exception is Azure.RequestFailedException or HttpRequestException
            or AggregateException)
        {
            AnsiConsole.MarkupLine($"[red]Cannot reach the storage account:[/] {Markup.Escape(exception.Message)}");
            AnsiConsole.MarkupLine(
                "Start the app with 'dotnet run --project src/HealthKart.Cli -- serve', or pass " +
                "--storage CONNECTION_STRING.");
            return 3;
        }

        var uploadedBy = $"{Environment.UserName} (hk upload)";
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                foreach (var file in files)
                {
                    var length = new FileInfo(file).Length;
                    var task = progress.AddTask(Markup.Escape(Path.GetFileName(file)), maxValue: Math.Max(1, length));
                    await container.GetBlobClient(Path.GetFileName(file)).UploadAsync(file, new BlobUploadOptions
                    {
                        HttpHeaders = new BlobHttpHeaders { ContentType = "text/csv" },
                        Metadata = new Dictionary<string, string> { [UploadIngestor.UploadedByMetadata] = uploadedBy },
                        ProgressHandler = new Progress<long>(bytes => task.Value = bytes),
                    }, cancellationToken);
                    task.Value = task.MaxValue;
                }
            });

        AnsiConsole.MarkupLine(
            $"[green]Uploaded {IndianText.Count(files.Length, "file")}[/] to '{Markup.Escape(containerName)}'. " +
            "Ingestion status: GET " +
            "/api/uploads (or the dashboard's Uploads tab).");
        return 0;
    }

    /// <summary>Why the inbox would refuse the name (the upload endpoint's rule), or null.</summary>
    private static string? NameProblem(string fileName)
    {
        try
        {
            UploadNames.Validate(fileName);
            return null;
        }
        catch (ProblemException problem)
        {
            return problem.Detail;
        }
    }
}
