namespace HealthKart.Core.DataContract;

/// <summary>The four kinds of file marketing uploads.</summary>
public enum Dataset
{
    Influencers,
    Posts,
    Tracking,
    Payouts,
}

public static class DatasetNames
{
    /// <summary>
    /// The folder or file-name prefix that marks a dataset, as in the original (<c>tracking_data.csv</c>).
    /// </summary>
    public static string FileStem(this Dataset dataset) => dataset switch
    {
        Dataset.Influencers => "influencers",
        Dataset.Posts => "posts",
        Dataset.Tracking => "tracking_data",
        Dataset.Payouts => "payouts",
        _ => throw new ArgumentOutOfRangeException(nameof(dataset)),
    };

    /// <summary>
    /// Which dataset a blob holds: its folder (<c>tracking_data/2025-07.csv</c>) or, at the top level, its file-name
    /// prefix (<c>tracking_data_july.csv</c>). Returns null with a reason a marketer can act on.
    /// </summary>
    public static Dataset? FromBlobName(string blobName, out string? reason)
    {
        reason = null;
        if (HasPathCharacters(blobName))
        {
            reason =
                $"'{Printable(blobName)}' has path characters in its name ('..', '\\', '%', ':', a leading '/' " +
                "or control characters). " +
                "Upload it under a plain name such as tracking_data.csv, or in one dataset folder such as " +
                "tracking_data/2025-07.csv.";
            return null;
        }

        if (!blobName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            reason =
                $"'{blobName}' is not a .csv file. Upload CSV files named influencers*.csv, posts*.csv, " +
                "tracking_data*.csv or payouts*.csv.";
            return null;
        }

        var slash = blobName.IndexOf('/');
        var (candidate, isFolder) = slash >= 0 ? (blobName[..slash], true) : (blobName, false);
        foreach (var dataset in Enum.GetValues<Dataset>())
        {
            var stem = dataset.FileStem();
            // A prefix must end the word: posts_july.csv and posts2.csv are posts, postscript.csv is not.
            var matches = isFolder
                ? candidate.Equals(stem, StringComparison.OrdinalIgnoreCase)
                : candidate.StartsWith(stem, StringComparison.OrdinalIgnoreCase)
                && !char.IsAsciiLetter(candidate[stem.Length]);
            if (matches && (isFolder || blobName.IndexOf('/', slash + 1) < 0))
            {
                return dataset;
            }
        }

        reason = isFolder
            ? $"Folder '{candidate}' is not a dataset. Use influencers/, posts/, tracking_data/ or payouts/."
            : $"'{blobName}' does not say which dataset it is. Name it influencers*.csv, posts*.csv, " +
                "tracking_data*.csv or payouts*.csv, or put it in a folder of that name.";
        return null;
    }

    /// <summary>
    /// Names that mean something to a file system or a URL: a blob may carry them (Azure stores '\' as '/', and keeps
    /// '..' and '%2e' literally), but no dataset file needs them, and a name that reads as a path must not be trusted.
    /// </summary>
    public static bool HasPathCharacters(string name) =>
        name.Contains("..", StringComparison.Ordinal) || name.StartsWith('/')
        || name.AsSpan().IndexOfAny("\\%:") >= 0 || name.Any(char.IsControl);

    private static string Printable(string name) =>
        new(name.Select(c => char.IsControl(c) ? '?' : c).Take(200).ToArray());
}
