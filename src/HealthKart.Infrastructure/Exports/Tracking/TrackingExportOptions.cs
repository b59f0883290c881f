using System.ComponentModel.DataAnnotations;

namespace HealthKart.Infrastructure.Exports.Tracking;

/// <summary>The raw tracking export (<see cref="TrackingExport"/>).</summary>
public sealed class TrackingExportOptions
{
    public const string Section = "TrackingExport";

    /// <summary>Excel's hard limit: a worksheet holds at most 1,048,576 rows, header included.</summary>
    public const int ExcelMaxRows = 1_048_576;

    /// <summary>
    /// Rows of the XLSX sheet, header and truncation note included. Excel's limit by default; a smaller value only
    /// makes the truncation testable without a million rows.
    /// </summary>
    [Range(3, ExcelMaxRows)]
    public int XlsxRowLimit { get; set; } = ExcelMaxRows;
}
