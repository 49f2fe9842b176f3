using TuiChat.Client.Core.Text;

namespace TuiChat.Client.Core.Tests.Text;

public sealed class TextSanitizerTests
{
    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("é 日本 🙂", "é 日本 🙂")]
    [InlineData("\u001b[2Jcleared", "\uFFFD[2Jcleared")]
    [InlineData("title\u001b]0;owned\u0007", "title\uFFFD]0;owned\uFFFD")]
    [InlineData("c1\u009bcsi", "c1\uFFFDcsi")]
    [InlineData("del\u007f", "del\uFFFD")]
    [InlineData("back\bspace\r", "back\uFFFDspace \u23CE ")]
    [InlineData("two\nlines", "two \u23CE lines")]
    [InlineData("crlf\r\nline", "crlf \u23CE line")]
    [InlineData("tab\there", "tab here")]
    [InlineData("abc\u202Eevil", "abc\uFFFDevil")]
    public void ForLine_LeavesNoCharacterThatControlsTheTerminal(string input, string expected)
    {
        string shown = TextSanitizer.ForLine(input);

        Assert.Equal(expected, shown);
        Assert.DoesNotContain(shown, c => c < 0x20 || c is >= '\u007f' and <= '\u009f');
    }

    [Fact]
    public void ForLine_Null_IsEmpty() => Assert.Equal("", TextSanitizer.ForLine(null));

    [Theory]
    [InlineData("alice: hi", true)]
    [InlineData("hi @Alice!", true)]
    [InlineData("ALICE.", true)]
    [InlineData("malice", false)]
    [InlineData("alice2 is here", false)]
    [InlineData("alice_b", false)]
    [InlineData("", false)]
    public void MentionDetector_MatchesTheNameAsAWholeWord(string text, bool mentions) =>
        Assert.Equal(mentions, MentionDetector.Mentions(text, "alice"));

    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(1023, "1023 B")]
    [InlineData(1536, "1.5 KB")]
    [InlineData(2_202_010, "2.1 MB")]
    public void SizeText_IsHumanReadable(long bytes, string expected) => Assert.Equal(expected, SizeText.Format(bytes));
}
