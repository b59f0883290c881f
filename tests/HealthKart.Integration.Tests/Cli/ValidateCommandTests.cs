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

    [Fact]
    public async Task AMissingPathExitsTwoAndNamesItWithoutAStackTrace()
    {
        var (exitCode, output) = await HkProcess.RunAsync("validate", "data/influencers.csv", "no-such-folder/x.csv");

        Assert.Equal(2, exitCode);
        Assert.Contains("Not found: no-such-folder/x.csv", output);
        Assert.DoesNotContain("Exception", output);
    }

    [Fact]
    public async Task AnUploadWhoseNameSaysNoDatasetIsRefusedBeforeAnyFileIsSent()
    {
        var folder = Directory.CreateTempSubdirectory("hk-upload-");
        var sales = Path.Combine(folder.FullName, "sales.csv");
        File.Copy(Path.Combine(HkProcess.RepositoryRoot, "data", "tracking_data.csv"), sales);

        // No storage is reachable at this address: the refusal comes before any attempt to reach it.
        var (exitCode, output) = await HkProcess.RunAsync("upload", "data/influencers.csv", sales, "--storage",
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;" +
            "BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;");

        Assert.Equal(2, exitCode);
        Assert.Contains("Not uploaded: 'sales.csv' does not say which dataset it is.", output);
        Assert.DoesNotContain("Exception", output);
        folder.Delete(recursive: true);
    }
}
