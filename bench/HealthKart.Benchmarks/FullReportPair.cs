using System.Diagnostics;
using ClosedXML.Excel;
using HealthKart.Core;
using HealthKart.Core.Analytics;
using HealthKart.Core.Reports;
using HealthKart.Core.Views;

namespace HealthKart.Benchmarks;

/// <summary>
/// The exports issue's workbook target: the full-report workbook of the committed sample (data/*.csv) in under a tenth
/// of the time ClosedXML needs to build and save one 100,000-row x 10-column sheet, both measured in this run.
/// </summary>
public static class FullReportPair
{
    private const int ReferenceRows = 100_000;
    private const int ReferenceColumns = 10;
    private const double Target = 0.1;

    public static int Run()
    {
        var snapshot = AnalyticsData.Build(AnalyticsData.Sources(Path.Combine(RepositoryRoot(), "data")));
        var today = IndiaTime.Today(TimeProvider.System);

        double FullReport()
        {
            var started = Stopwatch.GetTimestamp();
            var selection = new Selection(snapshot, AnalyticsQuery.All);
            var report = ReportCatalog.Build(ReportCatalog.Full, selection, today,
                ReportContext.For(selection, DateTimeOffset.UtcNow, []));
            using var output = new MemoryStream();
            XlsxReportWriter.Write(report, output);
            return Stopwatch.GetElapsedTime(started).TotalSeconds;
        }

        double Reference()
        {
            var started = Stopwatch.GetTimestamp();
            using var workbook = new XLWorkbook();
            var sheet = workbook.AddWorksheet("Rows");
            for (var row = 1; row <= ReferenceRows; row++)
            {
                for (var column = 1; column <= ReferenceColumns; column++)
                {
                    sheet.Cell(row, column).SetValue(column % 2 == 0 ? row * 1.5 : row + column);
                }
            }

            using var output = new MemoryStream();
            workbook.SaveAs(output);
            return Stopwatch.GetElapsedTime(started).TotalSeconds;
        }

        FullReport(); // warm-up: JIT and ClosedXML's static state
        var full = Enumerable.Range(0, 5).Select(_ => FullReport()).Order().ToList()[2];
        var reference = Enumerable.Range(0, 2).Select(_ => Reference()).Min();
        var ratio = full / reference;
        Console.WriteLine(
            $"== full report: data/ sample workbook {full * 1000:F0} ms (median of 5) vs ClosedXML " +
            $"{ReferenceRows:N0} x {ReferenceColumns} sheet {reference:F2} s (best of 2)");
        Console.WriteLine($"   ratio = {ratio:F3}; target < {Target}  =>  {(ratio < Target ? "PASS" : "FAIL")}");
        return ratio < Target ? 0 : 1;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory =
            directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "HealthKart.Functions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Run the benchmarks from inside the repository.");
    }
}
