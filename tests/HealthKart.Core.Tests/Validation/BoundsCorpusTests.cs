using HealthKart.Core.Validation;
using HealthKart.Tests.Shared;

namespace HealthKart.Core.Tests.Validation;

/// <summary>
/// Every value past its domain is a row error with its row, column and allowed range; every edge value is accepted.
/// </summary>
public sealed class BoundsCorpusTests
{
    public static TheoryData<string> RejectedNames => [.. BoundsCorpus.Rejected.Select(file => file.Name)];

    public static TheoryData<string> AcceptedNames => [.. BoundsCorpus.Accepted.Select(file => file.Name)];

    [Theory]
    [MemberData(nameof(RejectedNames))]
    public void RejectsTheFileOnTheRowAndColumnOfTheValueOutsideItsDomain(string name)
    {
        var file = BoundsCorpus.Rejected.Single(f => f.Name == name);

        var outcome = UploadValidator.Validate(file.FileName, new MemoryStream(file.Content), ValidationContext.None);

        Assert.False(outcome.Report.Accepted);
        Assert.Null(outcome.Facts);
        var first = outcome.Report.Errors[0];
        Assert.True(
            first.Row == file.ExpectedRow && first.Column == file.ExpectedColumn
            && first.Reason.Contains(file.ExpectedReasonFragment, StringComparison.OrdinalIgnoreCase),
            $"row {first.Row}, column {first.Column}: {first.Reason}");
    }

    [Theory]
    [MemberData(nameof(AcceptedNames))]
    public void AcceptsValuesAtTheEdgesOfTheirDomains(string name)
    {
        var file = BoundsCorpus.Accepted.Single(f => f.Name == name);

        var outcome = UploadValidator.Validate(file.FileName, new MemoryStream(file.Content), ValidationContext.None);

        Assert.True(outcome.Report.Accepted, string.Join("; ", outcome.Report.Errors));
    }

    [Fact]
    public void TheIndependentSumReadsTheEdgeFilesAsWritten()
    {
        // largest-amounts: 10 rows of 1 order and ₹10,00,00,000.00 = ₹1,00,00,00,000 and 10 orders.
        var file = BoundsCorpus.Accepted.Single(f => f.Name == "largest-amounts");

        Assert.Equal((1_000_000_000m, 10m), file.IndependentTotals());
    }
}
