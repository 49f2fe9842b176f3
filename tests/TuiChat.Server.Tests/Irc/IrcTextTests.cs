using System.Globalization;
using System.Text;
using TuiChat.Server.Irc;

namespace TuiChat.Server.Tests.Irc;

/// <summary>How a native text becomes IRC lines (<see cref="IrcText.ToIrcLines"/>), and a line too long for one is cut (<see cref="IrcText.SplitToFit"/>).</summary>
public sealed class IrcTextTests
{
    private const int Max = 100;

    [Theory]
    [InlineData("\u0001VERSION\u0001", "VERSION")]
    [InlineData("\u0001ping 1764620000\u0001", "PING")]
    [InlineData("\u0001CLIENTINFO", "CLIENTINFO")]
    public void CtcpRequest_IsTheRequestWord(string ircText, string request) => Assert.Equal(request, IrcText.CtcpRequest(ircText));

    [Fact]
    public void CtcpRequest_ALongRequestWord_IsCutTo32Characters() =>
        Assert.Equal(new string('X', 32), IrcText.CtcpRequest("\u0001" + new string('x', 400) + "\u0001"));

    [Theory]
    [InlineData("olá, tudo bem?")]
    [InlineData("duas\nlinhas")]
    [InlineData("fim\r")]
    [InlineData("meio\rdo texto")]
    [InlineData("/me acena 👋")]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData("🇧🇷 東京 👩🏽‍💻")]
    public void IsOneIrcLine_IsTrueExactlyWhenToIrcLinesGivesTheTextBackAlone(string text) =>
        Assert.Equal(IrcText.ToIrcLines(text, Max).SequenceEqual([text]), IrcText.IsOneIrcLine(text, Max));

    [Fact]
    public void IsOneIrcLine_CountsBytesNotCharacters()
    {
        Assert.True(IrcText.IsOneIrcLine(new string('é', Max / 2), Max));
        Assert.False(IrcText.IsOneIrcLine(new string('é', (Max / 2) + 1), Max));
        Assert.False(IrcText.ToIrcLines(new string('é', (Max / 2) + 1), Max).SequenceEqual([new string('é', (Max / 2) + 1)]));
    }

    [Fact]
    public void SplitToFit_LeavesALineThatFits_AsItIs()
    {
        Assert.Equal(["olá, tudo bem?"], IrcText.SplitToFit("olá, tudo bem?", Max));
    }

    [Fact]
    public void SplitToFit_CutsAPortugueseParagraph_AtItsSpaces_DroppingTheSpaceAtEachCut()
    {
        const string Paragraph =
            "Não há nada como uma manhã de outono em Évora: o céu limpo, as ruas de calçada ainda húmidas, " +
            "o cheiro a pão acabado de cozer que sai das padarias e se mistura com o café das esplanadas, " +
            "enquanto os estudantes apressados atravessam a praça do Giraldo a caminho da universidade.";

        List<string> pieces = [.. IrcText.SplitToFit(Paragraph, Max)];

        Assert.True(pieces.Count > 2);
        Assert.All(pieces, piece => Assert.InRange(Encoding.UTF8.GetByteCount(piece), 1, Max));
        // Every cut is at a space, which the cut replaces: nothing else is lost or added.
        Assert.Equal(Paragraph, string.Join(' ', pieces));
        Assert.All(pieces, piece => Assert.False(piece.StartsWith(' ') || piece.EndsWith(' '), $"'{piece}'"));
        // The last space that fits is taken: the next word would not have fitted.
        for (int i = 0; i < pieces.Count - 1; i++)
        {
            string withNextWord = pieces[i] + " " + pieces[i + 1].Split(' ')[0];
            Assert.True(Encoding.UTF8.GetByteCount(withNextWord) > Max, withNextWord);
        }
    }

    [Fact]
    public void SplitToFit_CutsALineOfCjkWithoutSpaces_BetweenCharacters()
    {
        // One space far from the limit (outside the last quarter) is not worth a short line.
        string line = "注意 " + string.Concat(Enumerable.Repeat("東京都の天気は晴れです", 20));

        List<string> pieces = [.. IrcText.SplitToFit(line, Max)];

        Assert.Equal(line, string.Concat(pieces));
        Assert.StartsWith("注意 東京", pieces[0], StringComparison.Ordinal);
        // Three bytes a character: each line is filled to within a character of the limit.
        Assert.All(pieces[..^1], piece => Assert.InRange(Encoding.UTF8.GetByteCount(piece), Max - 2, Max));
        Assert.InRange(Encoding.UTF8.GetByteCount(pieces[^1]), 1, Max);
    }

    [Fact]
    public void SplitToFit_KeepsAnEmojiZwjSequenceAtTheLimit_Whole()
    {
        const string Family = "👩‍👩‍👧‍👦"; // 25 bytes: four emoji joined by three ZWJ
        string line = new string('a', 90) + Family + "b";

        Assert.Equal([new string('a', 90), Family + "b"], IrcText.SplitToFit(line, Max));
    }

    [Fact]
    public void SplitToFit_CutsALineOfEmojiSequences_BetweenSequences()
    {
        // Flags, ZWJ sequences and skin tones, 14 + 11 + 8 bytes, with no space between them.
        string line = string.Concat(Enumerable.Repeat("🏳️‍🌈👨‍💻👍🏽", 12));
        // 90 bytes end inside the fifth sequence, between its ZWJ and its last emoji.
        const int Limit = 90;

        List<string> pieces = [.. IrcText.SplitToFit(line, Limit)];

        Assert.Equal(line, string.Concat(pieces));
        foreach (string piece in pieces)
        {
            Assert.InRange(Encoding.UTF8.GetByteCount(piece), 1, Limit);
            Assert.All(TextElements(piece), element => Assert.Contains(element, new[] { "🏳️‍🌈", "👨‍💻", "👍🏽" }));
        }
    }

    [Fact]
    public void SplitToFit_CutsOneCharacterLongerThanALine_BetweenItsCodePoints()
    {
        // A letter with 150 combining accents (301 bytes) is one text element: it cannot stay whole.
        string line = "x" + "e" + new string('\u0301', 150);

        List<string> pieces = [.. IrcText.SplitToFit(line, Max)];

        Assert.Equal(line, string.Concat(pieces));
        Assert.All(pieces, piece => Assert.InRange(Encoding.UTF8.GetByteCount(piece), 1, Max));
    }

    [Fact]
    public void ToIrcLines_CutsALongAction_IntoPiecesThatAreEachAnAction()
    {
        const string Action =
            "acena para toda a gente da sala e pede desculpa por ter chegado tarde à reunião de segunda-feira de manhã";

        List<string> pieces = [.. IrcText.ToIrcLines("/me " + Action, Max)];

        Assert.True(pieces.Count > 1);
        Assert.All(pieces, piece => Assert.InRange(Encoding.UTF8.GetByteCount(piece), 1, Max));
        // An IRC client shows a piece as an action only when the whole piece is wrapped.
        Assert.All(pieces, piece => Assert.Matches("^\u0001ACTION [^\u0001]+\u0001$", piece));
        Assert.Equal(Action, string.Join(' ', pieces.Select(piece => piece["\u0001ACTION ".Length..^1])));
    }

    [Fact]
    public void ToIrcLines_GivesEachLineOfAText_ItsOwnPieces_AndDropsEmptyLines()
    {
        List<string> pieces = [.. IrcText.ToIrcLines("bom dia\r\n\n/me sorri 😊\nnão é?", Max)];

        Assert.Equal(["bom dia", "\u0001ACTION sorri 😊\u0001", "não é?"], pieces);
    }

    private static List<string> TextElements(string text)
    {
        var elements = new List<string>();
        TextElementEnumerator e = StringInfo.GetTextElementEnumerator(text);
        while (e.MoveNext())
        {
            elements.Add(e.GetTextElement());
        }
        return elements;
    }
}
