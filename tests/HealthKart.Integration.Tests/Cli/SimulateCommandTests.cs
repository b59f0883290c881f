namespace HealthKart.Integration.Tests.Cli;

public sealed class SimulateCommandTests
{
    [Theory]
    [InlineData("--tracking-rows", "0", "--tracking-rows must be between 1 and 2,00,00,00,000.")]
    [InlineData("--posts-per-influencer", "1001", "--posts-per-influencer must be between 0 and 1,000.")]
    [InlineData("--influencers", "100001", "--influencers must be between 1 and 1,00,000.")]
    public async Task AnOptionOutOfRangeIsNamedWithItsRangeAndWritesNothing(string option, string value,
        string message)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"hk-simulate-{Guid.NewGuid():N}");

        var (exitCode, output) = await HkProcess.RunAsync("simulate", option, value, "--out", folder);

        Assert.Equal(1, exitCode);
        Assert.Equal(message, output.Trim());
        Assert.False(Directory.Exists(folder));
    }
}
