namespace HealthKart.Simulation;

/// <summary>A file the simulator wrote, and its data rows (header excluded; 1 for the JSON ground truth).</summary>
public sealed record SimulatedFile(string Name, string Path, long Rows);
