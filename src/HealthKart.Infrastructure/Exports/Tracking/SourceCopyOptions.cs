using System.ComponentModel.DataAnnotations;

namespace HealthKart.Infrastructure.Exports.Tracking;

/// <summary>
/// Where ingestion keeps the export-ready copy of each tracking source version (see <see cref="TrackingCopies"/>).
/// </summary>
public sealed class SourceCopyOptions
{
    public const string Section = "Sources";

    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string Container { get; set; } = "sources";
}
