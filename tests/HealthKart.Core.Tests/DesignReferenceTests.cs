using System.Text;
using System.Text.RegularExpressions;

namespace HealthKart.Core.Tests;

/// <summary>
/// The design lives in docs/, and the code cites it by page and heading (<c>docs/metrics.md#spend-allocation</c>).
/// Every such reference in the repository's text files (code, tests, bench, scripts, markdown) must name a page that
/// exists and, when it has an anchor, a heading of that page; links between the docs pages likewise. The old citations
/// of a design brief outside the repository must not come back.
/// </summary>
public sealed partial class DesignReferenceTests
{
    private static readonly string[] TextExtensions =
        [".cs", ".md", ".js", ".mjs", ".sh", ".html", ".css", ".json", ".props", ".csproj", ".bicep", ".yaml", ".yml"];

    private static readonly string[] SkippedFolders =
        ["bin", "obj", "node_modules", "vendor", "TestResults", ".git", ".azurite"];

    // Built from parts so this file does not cite what it forbids.
    private static readonly string[] Forbidden = ["DESIGN" + " §", "DESIGN" + ".md"];

    [Fact]
    public void EveryDocsReferenceInTheRepositoryNamesAPageAndHeadingThatExist()
    {
        var root = RepositoryRoot();
        var docs = new DocsPages(Path.Combine(root, "docs"));
        var files = TextFiles(root).ToList();
        // The walk reaches the code.
        Assert.Contains(files, f => f.EndsWith("SpendAllocator.cs", StringComparison.Ordinal));

        var problems = files
            .SelectMany(f => Problems(Path.GetRelativePath(root, f), File.ReadAllText(f), docs))
            .ToList();

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void AMissingHeadingAMissingPageAndAnOldCitationAreEachReported()
    {
        var docs = new DocsPages(new Dictionary<string, string>
        {
            ["metrics.md"] = "# Metrics\n## Spend allocation\n```bash\n# not a heading\n```\n",
        });
        const string d = "docs/"; // split, so the scan of this very file does not find these broken references
        var text = $"see {d}metrics.md#spend-allocation, {d}metrics.md#not-a-heading, {d}metrics.md#not-a-heading-1,\n"
            + $"{d}nowhere.md and {Forbidden[0]}4.1";

        var problems = Problems("src/X.cs", text, docs).ToList();

        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("src/X.cs:1:", StringComparison.Ordinal)
            && p.Contains("#not-a-heading ", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("#not-a-heading-1", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("src/X.cs:2:", StringComparison.Ordinal)
            && p.Contains("nowhere.md", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains(Forbidden[0], StringComparison.Ordinal));
    }

    [Theory]
    // Hand-worked GitHub anchors: lower case, punctuation (colons, backticks, slashes, dots, commas, quotes) dropped,
    // each space a hyphen, hyphens and underscores kept.
    [InlineData("Spend allocation", "spend-allocation")]
    [InlineData("The contract: `GET /api/openapi.json`", "the-contract-get-apiopenapijson")]
    [InlineData("Nothing to spread over: undated, \"(unattributed)\" spend",
        "nothing-to-spread-over-undated-unattributed-spend")]
    [InlineData("Who gets in, and what enforces it", "who-gets-in-and-what-enforces-it")]
    [InlineData("Exports and the weekly e-mail", "exports-and-the-weekly-e-mail")]
    [InlineData("Rounding: whole paise, largest remainder", "rounding-whole-paise-largest-remainder")]
    public void AHeadingsAnchorIsTheOneGitHubGives(string heading, string anchor) =>
        Assert.Equal(anchor, DocsPages.Anchor(heading));

    [Fact]
    public void ARepeatedHeadingGetsANumberedAnchor()
    {
        var docs = new DocsPages(new Dictionary<string, string> { ["a.md"] = "## Notes\n## Notes\n" });

        Assert.Equal(["notes", "notes-1"], docs.AnchorsOf("a.md")!.Order());
    }

    private static IEnumerable<string> Problems(string path, string text, DocsPages docs)
    {
        var inDocs = path.Replace('\\', '/').StartsWith("docs/", StringComparison.Ordinal);
        var lines = text.Split('\n');
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n];
            var where = $"{path}:{n + 1}";
            foreach (var forbidden in Forbidden.Where(f => line.Contains(f, StringComparison.Ordinal)))
            {
                yield return $"{where}: cites '{forbidden}'; cite the page and heading in docs/ instead";
            }

            foreach (Match m in DocsReference().Matches(line))
            {
                if (docs.Problem(m.Groups["page"].Value, m.Groups["anchor"].Value) is { } problem)
                {
                    yield return $"{where}: {m.Value} {problem}";
                }
            }

            if (!inDocs)
            {
                continue;
            }

            foreach (Match m in RelativeLink().Matches(line))
            {
                var page = m.Groups["page"].Success ? m.Groups["page"].Value : Path.GetFileName(path);
                if (docs.Problem(page, m.Groups["anchor"].Value) is { } problem)
                {
                    yield return $"{where}: ({m.Groups["page"].Value}#{m.Groups["anchor"].Value}) {problem}";
                }
            }
        }
    }

    private static IEnumerable<string> TextFiles(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            if (TextExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase)
                && !Path.GetFileName(file).Equals("package-lock.json", StringComparison.Ordinal))
            {
                yield return file;
            }
        }

        var subfolders = Directory.EnumerateDirectories(folder)
            .Where(d => !SkippedFolders.Contains(Path.GetFileName(d)));
        foreach (var sub in subfolders)
        {
            foreach (var file in TextFiles(sub))
            {
                yield return file;
            }
        }
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HealthKart.Functions.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName
            ?? throw new InvalidOperationException($"No HealthKart.Functions.sln above {AppContext.BaseDirectory}");
    }

    /// <summary>A page of docs/ with an optional heading anchor, as code and markdown cite them.</summary>
    [GeneratedRegex(@"docs/(?<page>[\w.-]+\.md)(?:#(?<anchor>[\w-]+))?")]
    private static partial Regex DocsReference();

    /// <summary>
    /// A markdown link inside docs/ to a sibling page and/or one of its headings:
    /// <c>](page.md#anchor)</c>, <c>](#anchor)</c>.
    /// </summary>
    [GeneratedRegex(@"\]\((?:(?<page>[\w.-]+\.md)(?:#(?<anchor>[\w-]+))?|#(?<anchor>[\w-]+))\)")]
    private static partial Regex RelativeLink();

    /// <summary>The pages of docs/ and the anchors of their headings (lines in code fences are no headings).</summary>
    private sealed partial class DocsPages
    {
        private readonly Dictionary<string, HashSet<string>> _anchors = new(StringComparer.Ordinal);

        public DocsPages(string folder)
            : this(Directory.EnumerateFiles(folder, "*.md").ToDictionary(f => Path.GetFileName(f), File.ReadAllText))
        {
        }

        public DocsPages(IReadOnlyDictionary<string, string> pages)
        {
            foreach (var (name, text) in pages)
            {
                var anchors = new HashSet<string>(StringComparer.Ordinal);
                var fenced = false;
                foreach (var line in text.Split('\n').Select(l => l.TrimEnd('\r')))
                {
                    fenced ^= line.TrimStart().StartsWith("```", StringComparison.Ordinal);
                    if (!fenced && Heading().Match(line) is { Success: true } heading)
                    {
                        var anchor = Anchor(heading.Groups["text"].Value);
                        var unique = anchor;
                        for (var k = 1; !anchors.Add(unique); k++)
                        {
                            unique = $"{anchor}-{k}";
                        }
                    }
                }

                _anchors[name] = anchors;
            }
        }

        public IReadOnlySet<string>? AnchorsOf(string page) => _anchors.GetValueOrDefault(page);

        /// <summary>Why the reference is broken, or null when the page (and heading) exist.</summary>
        public string? Problem(string page, string anchor) =>
            AnchorsOf(page) is not { } anchors ? $"names docs/{page}, which does not exist"
            : anchor.Length > 0 && !anchors.Contains(anchor) ? $"names a heading docs/{page} does not have"
            : null;

        /// <summary>
        /// The anchor GitHub gives a heading: lower case; letters, digits, hyphens and underscores kept;
        /// spaces as hyphens.
        /// </summary>
        public static string Anchor(string heading)
        {
            var anchor = new StringBuilder();
            foreach (var c in heading.Trim().ToLowerInvariant())
            {
                if (char.IsLetterOrDigit(c) || c is '-' or '_')
                {
                    anchor.Append(c);
                }
                else if (c == ' ')
                {
                    anchor.Append('-');
                }
            }

            return anchor.ToString();
        }

        [GeneratedRegex(@"^#{1,6}\s+(?<text>.+?)\s*#*$")]
        private static partial Regex Heading();
    }
}
