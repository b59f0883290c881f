using System.Text;
using HealthKart.Core.Validation;
using HealthKart.Tests.Shared;

namespace HealthKart.Core.Tests.Validation;

public sealed class MalformedCorpusTests
{
    /// <summary>Keyed by name, so each case reads as its own test ("…(name: "unclosed-quote")").</summary>
    public static TheoryData<string> Names => [.. MalformedCorpus.All.Select(file => file.Name)];

    public static TheoryData<string> ValidFileNames => [.. MalformedCorpus.ValidFiles.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void RejectsTheFileNamingTheFirstProblemWhereItIs(string name)
    {
        var file = MalformedCorpus.Named(name);

        var outcome = UploadValidator.Validate(file.FileName, new MemoryStream(file.Content), ValidationContext.None);

        Assert.False(outcome.Report.Accepted);
        Assert.Null(outcome.Facts);
        var first = outcome.Report.Errors[0];
        Assert.Equal(file.ExpectedRow, first.Row);
        Assert.Equal(file.ExpectedColumn, first.Column);
        Assert.Contains(file.ExpectedReasonFragment, first.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(ValidFileNames))]
    public void AcceptsTheValidFilesTheCorpusIsCutFrom(string fileName)
    {
        var content = Encoding.UTF8.GetBytes(MalformedCorpus.ValidFiles[fileName]);

        var outcome = UploadValidator.Validate(fileName, new MemoryStream(content), ValidationContext.None);

        Assert.True(outcome.Report.Accepted, string.Join("; ", outcome.Report.Errors));
        Assert.Equal(2, outcome.Report.Rows);
        Assert.NotNull(outcome.Facts);
    }

    [Fact]
    public void HasAtLeastThirtyDistinctlyNamedFiles()
    {
        var names = MalformedCorpus.All.Select(file => file.Name).ToList();

        Assert.True(names.Count >= 30, $"{names.Count} files");
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public void BuildsTheSameBytesEveryTime()
    {
        // The integration tests upload these files and compare content hashes; a corpus that changed between two
        // enumerations (a clock in the ZIP, an unseeded Random) would make those tests flaky.
        var first = MalformedCorpus.All.ToDictionary(file => file.Name, file => file.Content);

        Assert.All(MalformedCorpus.All, file => Assert.Equal(first[file.Name], file.Content));
    }
}
