using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using HealthKart.Core.DataContract;
using HealthKart.Core.Facts;
using HealthKart.Core.Ingestion;
using HealthKart.Core.Validation;
using HealthKart.Simulation;

namespace HealthKart.Benchmarks;

/// <summary>
/// A cheap profile of the validation candidate (no profiler needed): the same file read by a ladder of stages, each
/// adding one piece of the candidate's work to the one before, so the differences say where the time goes. Diagnostic
/// only; the targets are judged by <see cref="ValidationPair"/>.
/// </summary>
public static class ValidationProfile
{
    private const int Buffer = 1 << 16;
    private static long _sink;

    public static void Run(long rows, int repetitions, int seed)
    {
        var directory = Directory.CreateTempSubdirectory("hk-bench-profile-");
        try
        {
            Simulator.Run(new SimulationOptions { Seed = seed, TrackingRows = rows }, directory.FullName);
            var path = Path.Combine(directory.FullName, SimulatedFiles.Tracking);
            var context =
                ValidationPair.InfluencerContext(Path.Combine(directory.FullName, SimulatedFiles.Influencers));
            var parsed = new DatasetCsvReader(Dataset.Tracking, new IssueLog(1)).Read(File.OpenRead(path))
                .Cast<TrackingRow>().ToList();

            (string Name, Func<long> Work)[] stages =
            [
                ("1 plain CsvParser, every field once (= baseline)",
                    () => Plain(path, app: false, layers: false, hash: false)),
                ("2 + the app's CsvConfiguration (MaxFieldSize, BadDataFound)",
                    () => Plain(path, app: true, layers: false, hash: false)),
                ("3 + the app's text layers (UTF-8 fallback, LineLengthGuard)",
                    () => Plain(path, app: true, layers: true, hash: false)),
                ("4 + HashingStream (SHA-256 on another core)", () => Plain(path, app: true, layers: true, hash: true)),
                ("5 DatasetCsvReader.Read through HashingStream (typed rows)", () => Reader(path, facts: false)),
                ("6 + FactBuilder.Add per row", () => Reader(path, facts: true)),
                ("7 UploadValidator.Validate (= candidate: 6 + RowRules)", () => Validate(path, context)),
                ("-- SHA-256 of the file alone (HashingStream, 64 KB reads)", () => HashOnly(path, rows)),
                ("-- RowFingerprint.Of on parsed rows alone", () => Fingerprints(parsed)),
                ("-- FactBuilder.Add on parsed rows alone", () => FactsOnly(parsed)),
            ];

            foreach (var stage in stages)
            {
                stage.Work(); // warm-up
            }

            // Round-robin (every stage once, then again, ...) so a noisy minute hits every stage, not one.
            var samplesOf = stages.Select(_ => new List<Sample>()).ToArray();
            for (var rep = 0; rep < repetitions; rep++)
            {
                for (var i = 0; i < stages.Length; i++)
                {
                    samplesOf[i].Add(Harness.Measure(stages[i].Work));
                }
            }

            Console.WriteLine(
                $"== validation profile: {parsed.Count:N0} rows, median of {repetitions} round-robin runs per stage");
            double? previous = null;
            for (var i = 0; i < stages.Length; i++)
            {
                var (name, samples) = (stages[i].Name, samplesOf[i]);
                var seconds = Harness.Median(samples.Select(s => s.Elapsed.TotalSeconds));
                var perRow = seconds * 1e9 / parsed.Count;
                var delta = name.StartsWith("--", StringComparison.Ordinal) || previous is null
                    ? "" : $"(+{perRow - previous:F0} ns)";
                Console.WriteLine(
                    $"   {name,-76} {seconds,7:F3} s {perRow,7:F0} ns/row {delta,-11} " +
                    $"{Harness.Median(samples.Select(s => (double)s.AllocatedBytes / parsed.Count)),6:F0} B/row");
                if (!name.StartsWith("--", StringComparison.Ordinal))
                {
                    previous = perRow;
                }
            }

            GC.KeepAlive(_sink);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The baseline's configuration, or the one <see cref="DatasetCsvReader"/> reads with.</summary>
    private static CsvConfiguration Configuration(bool app) => app
        ? new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = ",",
            DetectDelimiter = false,
            HasHeaderRecord = true,
            MaxFieldSize = DatasetCsvReader.MaxFieldLength,
            BadDataFound = _ => _sink++,
        }
        : new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = ",", DetectDelimiter = false };

    private static Stream Open(string path, bool hash)
    {
        Stream file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, Buffer,
            FileOptions.SequentialScan);
        return hash ? new HashingStream(file) : file;
    }

    private static long Plain(string path, bool app, bool layers, bool hash)
    {
        using var stream = Open(path, hash);
        var encoding = new UTF8Encoding(layers);
        if (layers)
        {
            encoding = (UTF8Encoding)encoding.Clone();
            encoding.DecoderFallback = new InvalidUtf8Fallback();
        }

        using var text = new StreamReader(stream, encoding, true, Buffer);
        using TextReader lines = layers ? new LineLengthGuard(text, DatasetCsvReader.MaxLineLength) : text;
        using var parser = new CsvParser(lines, Configuration(app));
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
        return records - 1;
    }

    private static long Reader(string path, bool facts)
    {
        using var stream = Open(path, hash: true);
        var builder = new FactBuilder(Dataset.Tracking);
        long rows = 0;
        foreach (var row in new DatasetCsvReader(Dataset.Tracking, new IssueLog(1)).Read(stream))
        {
            rows++;
            if (facts)
            {
                builder.Add(row);
            }
        }

        if (facts)
        {
            _sink += builder.Build().Sales.Count;
        }

        return rows;
    }

    private static long Validate(string path, ValidationContext context)
    {
        using var stream = Open(path, hash: true);
        return UploadValidator.Validate(SimulatedFiles.Tracking, stream, context).Report.Rows;
    }

    private static long HashOnly(string path, long rows)
    {
        using var stream = Open(path, hash: true);
        var buffer = new byte[Buffer];
        while (stream.Read(buffer) > 0)
        {
        }

        return rows;
    }

    private static long Fingerprints(List<TrackingRow> rows)
    {
        ulong sum = 0;
        foreach (var row in rows)
        {
            sum += RowFingerprint.Of(row);
        }

        _sink += (long)sum;
        return rows.Count;
    }

    private static long FactsOnly(List<TrackingRow> rows)
    {
        var builder = new FactBuilder(Dataset.Tracking);
        foreach (var row in rows)
        {
            builder.Add(row);
        }

        _sink += builder.Build().Sales.Count;
        return rows.Count;
    }
}
