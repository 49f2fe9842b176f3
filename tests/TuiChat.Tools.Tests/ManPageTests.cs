using TuiChat.Bench;
using TuiChat.Cli;
using TuiChat.Client;
using TuiChat.Server;

namespace TuiChat.Tools.Tests;

/// <summary>
/// docs/NAME.1.md must be what the option definitions say today: an option added, renamed or
/// reworded without running scripts/gen-man.sh fails here. That script runs this test with
/// TUICHAT_WRITE_MAN_PAGES=1, which writes the pages instead of comparing them.
/// </summary>
public sealed class ManPageTests
{
    public static TheoryData<string> Manuals() => new(Pages.Keys);

    private static readonly Dictionary<string, ToolManual> Pages = new[] { ServerManual.Page, ClientManual.Page, BenchManual.Page }
        .ToDictionary(m => m.Name);

    [Theory]
    [MemberData(nameof(Manuals))]
    public void TheManPageInDocs_IsUpToDate(string name)
    {
        string path = Path.Combine(RepositoryRoot.Path, "docs", name + ".1.md");
        string expected = ManPage.Render(Pages[name]);
        if (Environment.GetEnvironmentVariable("TUICHAT_WRITE_MAN_PAGES") == "1")
        {
            File.WriteAllText(path, expected);
        }

        Assert.True(File.Exists(path) && File.ReadAllText(path) == expected,
            $"{path} is stale or missing: run scripts/gen-man.sh and commit the result");
    }

    [Theory]
    [MemberData(nameof(Manuals))]
    public void EveryOption_HasALineInItsManPage(string name)
    {
        string page = ManPage.Render(Pages[name]);

        foreach (OptionSpec option in OptionCatalog.Of(Pages[name].OptionsType))
        {
            Assert.Contains($"- **`{option.Flag}", page, StringComparison.Ordinal);
            if (Pages[name].Configurable && !option.CommandLineOnly)
            {
                Assert.Contains($"`{option.EnvironmentVariable}`", page, StringComparison.Ordinal);
            }
        }
    }
}
