namespace HealthKart.Simulation;

/// <summary>The files a simulation wrote, in writing order, and the ground truth it knows.</summary>
public sealed record SimulationResult(string OutputDirectory, IReadOnlyList<SimulatedFile> Files, GroundTruth GroundTruth)
{
    /// <summary>Data rows of the named file, e.g. <c>RowsOf("tracking_data.csv")</c>.</summary>
    public long RowsOf(string fileName)
    {
        foreach (var file in Files)
        {
            if (file.Name == fileName)
            {
                return file.Rows;
            }
        }

        throw new ArgumentException($"The simulation wrote no {fileName}.", nameof(fileName));
    }
}
