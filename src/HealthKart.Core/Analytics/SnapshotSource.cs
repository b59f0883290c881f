using HealthKart.Core.Facts;

namespace HealthKart.Core.Analytics;

/// <summary>
/// One ingested source version as the snapshot builder gets it: its file name (for warnings) and its facts.
/// </summary>
public sealed record SnapshotSource(string FileName, SourceFacts Facts);
