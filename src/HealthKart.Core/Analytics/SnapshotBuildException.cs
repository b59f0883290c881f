namespace HealthKart.Core.Analytics;

/// <summary>The current sources cannot be turned into a snapshot; the message says why in the reader's terms.</summary>
public sealed class SnapshotBuildException(string message) : Exception(message);
