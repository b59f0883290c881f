using HealthKart.Core.DataContract;


namespace HealthKart.Core.Tests.Validation;

public sealed class DatasetNamesTests
{
    [Theory]
    [InlineData("influencers.csv", Dataset.Influencers)]
    [InlineData("posts.csv", Dataset.Posts)]
    [InlineData("tracking_data.csv", Dataset.Tracking)]
    [InlineData("payouts.csv", Dataset.Payouts)]
    [InlineData("tracking_data_2025-07.csv", Dataset.Tracking)] // monthly files append under their own names
    [InlineData("Tracking_Data_July.CSV", Dataset.Tracking)]
    [InlineData("posts2.csv", Dataset.Posts)]
    [InlineData("tracking_data/2025-07.csv", Dataset.Tracking)] // the folder decides, whatever the file is called
    [InlineData("payouts/q1/january.csv", Dataset.Payouts)]
    public void NamesTheDatasetFromTheFolderOrTheFilePrefix(string blobName, Dataset expected)
    {
        Assert.Equal(expected, DatasetNames.FromBlobName(blobName, out var reason));
        Assert.Null(reason);
    }

    [Theory]
    [InlineData("sales.csv", "does not say which dataset")]
    [InlineData("postscript.csv", "does not say which dataset")] // the prefix must end the word
    [InlineData("tracking_data.xlsx", "is not a .csv file")]
    [InlineData("tracking_data.csv.zip", "is not a .csv file")]
    [InlineData("misc/tracking.csv", "Folder 'misc' is not a dataset")]
    // a prefix inside another folder does not count
    [InlineData("archive/tracking_data.csv", "Folder 'archive' is not a dataset")]
    public void RefusesNamesThatDoNotSayTheDataset(string blobName, string reasonFragment)
    {
        Assert.Null(DatasetNames.FromBlobName(blobName, out var reason));
        Assert.Contains(reasonFragment, reason);
    }
}
