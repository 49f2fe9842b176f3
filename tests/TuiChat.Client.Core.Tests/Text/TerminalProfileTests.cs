using TuiChat.Client.Core.Text;

namespace TuiChat.Client.Core.Tests.Text;

public sealed class TerminalProfileTests
{
    /// <summary>What tmux 3.3a answered here: family 2, skin tone 4, heart+VS16 1, flag 2.</summary>
    private static readonly TerminalProfile Tmux33 = TerminalProfile.FromMeasured([2, 4, 1, 2]);

    /// <summary>A terminal that joins nothing (xterm): family 6, skin tone 4.</summary>
    private static readonly TerminalProfile JoinsNothing = TerminalProfile.FromMeasured([6, 4, 1, 2]);

    /// <summary>A terminal that joins everything and widens VS16 (kitty, WezTerm).</summary>
    private static readonly TerminalProfile Modern = TerminalProfile.FromMeasured([2, 2, 2, 2]);

    [Theory]
    [InlineData("👨‍👩‍👧")]
    [InlineData("🇧🇷")]
    [InlineData("👍🏽")]
    [InlineData("❤️")]
    [InlineData("🏳️‍🌈")]
    [InlineData("e\u0301")]
    [InlineData("中文")]
    [InlineData("a\u200Bb")]
    public void Fit_LeavesOnlyClustersTheTerminalDrawsInTheirCells(string text)
    {
        foreach (TerminalProfile profile in new[] { Tmux33, JoinsNothing, Modern, TerminalProfile.Default })
        {
            string fitted = profile.Fit("x" + text + "y");

            Assert.Equal(CellWidth.Of(fitted), Drawn(profile, fitted));
        }
    }

    [Fact]
    public void Tmux33_DrawsTheFamilyAndTheFlag_ButTheSkinToneAsItsBaseEmoji()
    {
        Assert.Equal("a 👨‍👩‍👧 🇧🇷 👍 b", Tmux33.Fit("a 👨‍👩‍👧 🇧🇷 👍🏽 b"));
    }

    [Fact]
    public void AModernTerminal_KeepsTheSkinTone_ButNotAWidenedHeart()
    {
        Assert.Equal("👍🏽 ❤", Modern.Fit("👍🏽 ❤️"));
    }

    [Fact]
    public void AJoinerEndingACluster_IsDropped_SoTheTerminalCannotJoinTheNextEmojiToIt()
    {
        Assert.Equal("a 🏳️🌈", Tmux33.Fit("a \u200D🏳️🌈"));
    }

    [Fact]
    public void LineFeeds_AreKept_ForMultiLineMessages()
    {
        Assert.Equal("one\ntwo", Tmux33.Fit("one\ntwo"));
    }

    /// <summary>Columns the terminal draws the whole text in, cluster by cluster.</summary>
    private static int Drawn(TerminalProfile profile, string text)
    {
        int total = 0;
        var clusters = System.Globalization.StringInfo.GetTextElementEnumerator(text);
        while (clusters.MoveNext())
        {
            total += profile.Columns(((string)clusters.Current).AsSpan());
        }
        return total;
    }
}
