using System.Text.RegularExpressions;
using FunctionsOrders.SystemHarness;

namespace FunctionsOrders.Contracts.Tests;

/// <summary>
/// Every relative link of the README and the docs points at a file that exists, and at a heading it has; and every
/// page under docs/ can be reached from the README by following links.
/// </summary>
public sealed partial class DocumentationLinksTests
{
    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string>();
        foreach (var path in new[] { "README.md", "infra/README.md" }.Concat(Directory.GetFiles(Path.Combine(RepoPaths.Root, "docs"), "*.md").Select(f => Path.GetRelativePath(RepoPaths.Root, f))))
        {
            data.Add(path.Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Relative_links_resolve_to_files_and_headings(string document)
    {
        var source = Path.Combine(RepoPaths.Root, document);
        var broken = new List<string>();
        foreach (var (target, resolved, anchor) in RelativeLinks(source))
        {
            if (!File.Exists(resolved) && !Directory.Exists(resolved))
            {
                broken.Add($"{target}: no such file");
            }
            else if (anchor is not null && File.Exists(resolved) && !Anchors(File.ReadAllText(resolved)).Contains(anchor))
            {
                broken.Add($"{target}: no heading #{anchor}");
            }
        }

        Assert.True(broken.Count == 0, $"{document} has broken links:\n" + string.Join("\n", broken));
    }

    [Fact]
    public void Every_docs_page_is_reachable_from_the_readme()
    {
        var pages = Directory.GetFiles(Path.Combine(RepoPaths.Root, "docs"), "*.md").Select(Path.GetFullPath);
        var orphans = pages.Except(PagesReachedFrom(Path.Combine(RepoPaths.Root, "README.md")), StringComparer.Ordinal)
            .Select(page => Path.GetRelativePath(RepoPaths.Root, page).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(orphans.Count == 0, "No chain of links from README.md reaches these pages; link each from the README or from a page it reaches:\n" + string.Join("\n", orphans));
    }

    /// <summary>The Markdown files reached from <paramref name="start"/> by following relative links, itself included.</summary>
    private static HashSet<string> PagesReachedFrom(string start)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal) { Path.GetFullPath(start) };
        var pending = new Queue<string>(reached);
        while (pending.TryDequeue(out var page))
        {
            foreach (var (_, resolved, _) in RelativeLinks(page))
            {
                if (resolved.EndsWith(".md", StringComparison.OrdinalIgnoreCase) && File.Exists(resolved) && reached.Add(resolved))
                {
                    pending.Enqueue(resolved);
                }
            }
        }

        return reached;
    }

    /// <summary>Each relative link of a Markdown file: as written, the full path it points at, and its heading anchor if any.</summary>
    private static IEnumerable<(string Target, string Resolved, string? Anchor)> RelativeLinks(string source)
    {
        foreach (var target in Links(File.ReadAllText(source)))
        {
            if (target.StartsWith("http://", StringComparison.Ordinal) || target.StartsWith("https://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
            {
                continue;
            }

            var hash = target.IndexOf('#', StringComparison.Ordinal);
            var file = hash < 0 ? target : target[..hash];
            var anchor = hash < 0 ? null : target[(hash + 1)..];
            var resolved = Path.GetFullPath(file.Length == 0 ? source : Path.Combine(Path.GetDirectoryName(source)!, file));
            yield return (target, resolved, anchor);
        }
    }

    private static IEnumerable<string> Links(string markdown) =>
        OutsideCode(markdown).Select(line => InlineCode().Replace(line, "")).SelectMany(line => LinkPattern().Matches(line).Select(m => m.Groups["target"].Value));

    /// <summary>GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens.</summary>
    private static HashSet<string> Anchors(string markdown) =>
        OutsideCode(markdown)
            .Select(line => HeadingPattern().Match(line))
            .Where(m => m.Success)
            .Select(m => SlugDrop().Replace(m.Groups["title"].Value.Trim().Replace("`", "", StringComparison.Ordinal).ToLowerInvariant(), "").Replace(' ', '-'))
            .ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<string> OutsideCode(string markdown)
    {
        var inFence = false;
        foreach (var line in markdown.Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
                continue;
            }

            if (!inFence)
            {
                yield return line;
            }
        }
    }

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"^#{1,6}\s+(?<title>.+)$")]
    private static partial Regex HeadingPattern();

    [GeneratedRegex(@"[^\p{L}\p{Nd}\s_-]")]
    private static partial Regex SlugDrop();

    [GeneratedRegex(@"`[^`]*`")]
    private static partial Regex InlineCode();
}
