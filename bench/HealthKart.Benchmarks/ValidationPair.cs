using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using HealthKart.Core.Facts;
using HealthKart.Core.Ingestion;
using HealthKart.Core.Validation;
using HealthKart.Simulation;

namespace HealthKart.Benchmarks;

/// <summary>
/// Pair 1, CPU-bound. Baseline: a plain CsvHelper <see cref="CsvParser"/> read of the tracking file touching every
/// field of every record, no validation. Candidate: <see cref="UploadValidator.Validate"/> through a <see
/// cref="HashingStream"/>, exactly as ingestion's pass 1 does (parse + validate + fold into facts + SHA-256). Same
/// file, same FileStream and StreamReader buffer sizes; the file sits in the page cache after the warm-up, so disk
/// speed is not measured.
/// </summary>
public static class ValidationPair
{
    public const double Target = 0.5;

    /// <summary>
    /// The buffer sizes both sides use: the FileStream's, and the StreamReader's (DatasetCsvReader's 64 KB).
    /// </summary>
    private const int FileBuffer = 1 << 16;
    private const int ReaderBuffer = 1 << 16;

    private static long _sink; // keeps the baseline's field reads observable

    public static async Task<PairResult> RunAsync(long rows, int repetitions, int seed)
    {
        var directory = Directory.CreateTempSubdirectory("hk-bench-validation-");
        try
        {
            Console.WriteLine(
                $"validation: simulating ~{rows:N0} tracking rows (seed {seed}) into {directory.FullName} ...");
            Simulator.Run(new SimulationOptions { Seed = seed, TrackingRows = rows }, directory.FullName);
            var tracking = Path.Combine(directory.FullName, SimulatedFiles.Tracking);
            var context = InfluencerContext(Path.Combine(directory.FullName, SimulatedFiles.Influencers));
            Console.WriteLine(
                $"validation: {new FileInfo(tracking).Length / 1048576.0:N1} MB file, context of " +
                $"{context.InfluencerFollowers!.Count} ingested influencers");

            // Warm-up: JIT (tiered up to optimised code), page cache, CsvHelper's caches. Not reported.
            long fileRows = 0;
            var factsDigest = "";
            for (var i = 0; i < 2; i++)
            {
                fileRows = Baseline(tracking);
                factsDigest = FactsDigest(Candidate(tracking, context));
            }

            var result = await Harness.RunPairAsync(
                "validation",
                $"{SimulatedFiles.Tracking}, {fileRows:N0} rows; candidate validates with the influencers of the " +
                "same simulation as context",
                Target,
                repetitions,
                _ => Task.FromResult(Harness.Measure(() => Baseline(tracking))),
                _ => Task.FromResult(Harness.Measure(() => Candidate(tracking, context).Report.Rows)));
            GC.KeepAlive(_sink);
            // A speed-up must not change a result: compare this line before and after a change (same --rows, seed).
            Console.WriteLine(
                $"   candidate's facts (SourceFactsCodec, customer rows included): SHA-256 {factsDigest}");
            return result;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static FileStream Open(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileBuffer, FileOptions.SequentialScan);

    /// <summary>Plain CsvHelper: read every record and every field, nothing else.</summary>
    private static long Baseline(string path)
    {
        using var file = Open(path);
        using var text = new StreamReader(file, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true,
            ReaderBuffer);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = ",",
            DetectDelimiter = false
        };
        using var parser = new CsvParser(text, configuration);
        long records = 0, characters = 0;
        while (parser.Read())
        {
            records++;
            for (var i = 0; i < parser.Count; i++)
            {
                characters += parser[i].Length;
            }
        }

        _sink += characters;
        return records - 1; // the header is not a row
    }

    /// <summary>The app's pass 1: hash + parse + validate + facts, one streaming read.</summary>
    private static UploadValidator.Outcome Candidate(string path, ValidationContext context)
    {
        long progress = 0;
        using var content = new HashingStream(Open(path));
        var outcome = UploadValidator.Validate(SimulatedFiles.Tracking, content, context, 1000,
            rows => Interlocked.Exchange(ref progress, rows));
        if (!outcome.Report.Accepted || outcome.Facts is null)
        {
            throw new InvalidOperationException(
                "The simulated file was rejected: " +
                $"{(outcome.Report.Errors.Count > 0 ? outcome.Report.Errors[0].Reason : null)}");
        }

        if (content.ContentHash.Length != 64)
        {
            throw new InvalidOperationException("No content hash.");
        }

        return outcome;
    }

    /// <summary>The facts' bytes as stored, hashed, with the report's totals: untimed (warm-up only).</summary>
    private static string FactsDigest(UploadValidator.Outcome outcome) =>
        Convert.ToHexStringLower(SHA256.HashData(SourceFactsCodec.Encode(outcome.Facts!))) +
        $" ({outcome.Report.Rows:N0} rows, {outcome.Report.WarningCount:N0} warnings, " +
        $"{outcome.Report.FirstDate:yyyy-MM-dd} to {outcome.Report.LastDate:yyyy-MM-dd})";

    /// <summary>
    /// The context ingestion validates tracking rows against once an influencers file is in: their followers by ID.
    /// </summary>
    internal static ValidationContext InfluencerContext(string influencersPath)
    {
        using var file = File.OpenRead(influencersPath);
        var outcome = UploadValidator.Validate(SimulatedFiles.Influencers, file, ValidationContext.None);
        var followers = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        foreach (var influencer in outcome.Facts!.Influencers)
        {
            followers[influencer.Id] = influencer.FollowerCount;
        }

        return new ValidationContext(followers);
    }
}
