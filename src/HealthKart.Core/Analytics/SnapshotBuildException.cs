namespace HealthKart.Core.Analytics;

/// <summary>The current sources cannot be turned into a snapshot; the message says why in the reader's terms.</summary>
public sealed class SnapshotBuildException(string message, Exception? cause = null) : Exception(message, cause);

/// <summary>
/// A dataset version whose snapshot could not be built, and when: the analytics keep answering from the previous good
/// version, and the data-quality panel and the ledger say so.
/// </summary>
public sealed record SnapshotFailure(string DatasetVersion, string Reason, DateTimeOffset At, string? ServingVersion);
