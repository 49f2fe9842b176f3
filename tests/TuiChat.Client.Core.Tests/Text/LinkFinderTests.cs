using TuiChat.Client.Core.Text;

namespace TuiChat.Client.Core.Tests.Text;

public sealed class LinkFinderTests
{
    [Theory]
    [InlineData("see https://example.com/a?b=1#c now", "https://example.com/a?b=1#c")]
    [InlineData("(https://en.wikipedia.org/wiki/Tux_(mascot))", "https://en.wikipedia.org/wiki/Tux_(mascot)")]
    [InlineData("read http://example.com/x.", "http://example.com/x")]
    [InlineData("ftp://files.example.org/pub/a.tar.gz, and", "ftp://files.example.org/pub/a.tar.gz")]
    [InlineData("<https://example.com/é/中文>", "https://example.com/é/中文")]
    public void FindsTheWholeAddress_WithoutTrailingPunctuation(string text, string target)
    {
        TextLink link = Assert.Single(LinkFinder.Find(text));

        Assert.Equal(target, link.Target);
        Assert.Equal(target, text.Substring(link.Start, link.Length));
    }

    [Theory]
    [InlineData("no address here")]
    [InlineData("example.com/path")]
    [InlineData("javascript://alert(1)")]
    [InlineData("https:// nothing after it")]
    [InlineData("xhttps://example.com")]
    public void IgnoresWhatIsNotAWebAddress(string text) => Assert.Empty(LinkFinder.Find(text));

    [Fact]
    public void FindsEveryAddressInALine()
    {
        IReadOnlyList<TextLink> links = LinkFinder.Find("a https://one.example b http://two.example/x c");

        Assert.Equal(["https://one.example", "http://two.example/x"], links.Select(l => l.Target));
    }
}
