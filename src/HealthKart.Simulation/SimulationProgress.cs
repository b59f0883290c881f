namespace HealthKart.Simulation;

/// <summary>Tracking rows written so far, of about <see cref="ExpectedRows"/>; reported once per simulated day.</summary>
public readonly record struct SimulationProgress(long RowsWritten, long ExpectedRows);
