namespace HealthKart.Integration.Tests.Cli;

public sealed class ValidateCommandTests
{
    [Fact]
    public async Task CommittedSampleDataIsValid()
    {
        var (exitCode, output) = await HkProcess.RunAsync("validate", "data");

        Assert.True(exitCode == 0, output);
        Assert.Contains("All 4 files are valid", output);
    }

    [Fact]
    public async Task FileWithErrorsExitsNonZeroAndNamesRowColumnAndReason()
    {
        var folder = Directory.CreateTempSubdirectory("hk-validate-");
        var bad = Path.Combine(folder.FullName, "tracking_data.csv");
        await File.WriteAllTextAsync(bad,
            "source,campaign,influencer_id,user_id,product,date,orders,revenue\n" +
            "instagram,MB-Summer,INF001,U1,MuscleBlaze Creatine,2025-07-01,1,599\n" +
            "instagram,MB-Summer,INF001,U2,MuscleBlaze Creatine,01/07/2025,1,-599\n");

        var (exitCode, output) = await HkProcess.RunAsync("validate", bad);

        Assert.Equal(1, exitCode);
        Assert.Contains("rejected", output);
        Assert.Contains("2 errors", output);
        Assert.Matches(@"3\s+.*date\s+.*01/07/2025", output);
        Assert.Matches(@"3\s+.*revenue\s+.*-599\s+.*negative", output);
        folder.Delete(recursive: true);
    }
}
