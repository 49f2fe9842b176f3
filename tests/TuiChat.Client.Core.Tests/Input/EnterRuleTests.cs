using TuiChat.Client.Core.Input;

namespace TuiChat.Client.Core.Tests.Input;

public sealed class EnterRuleTests
{
    [Fact]
    public void WhereTheTerminalBracketsPastes_EveryEnterSends_EvenWithInputQueuedBehindIt()
    {
        var rule = new EnterRule(terminalBracketsPastes: true);

        Assert.False(rule.IsLineBreak(draftIsEmpty: false, moreInputWaiting: true));
        Assert.False(rule.IsLineBreak(draftIsEmpty: false, moreInputWaiting: false));
    }

    [Fact]
    public void WhereTheTerminalIsNotKnown_AnEnterWithInputWaitingBehindIt_IsALineBreak_AndTheLastOneSends()
    {
        var rule = new EnterRule(terminalBracketsPastes: false);

        Assert.True(rule.IsLineBreak(draftIsEmpty: false, moreInputWaiting: true));
        Assert.False(rule.IsLineBreak(draftIsEmpty: false, moreInputWaiting: false));
        // Nothing to break: an empty draft sends nothing either way.
        Assert.False(rule.IsLineBreak(draftIsEmpty: true, moreInputWaiting: true));
    }

    [Fact]
    public void AfterTheFirstBracketedPaste_EveryEnterSends()
    {
        var rule = new EnterRule(terminalBracketsPastes: false);

        rule.BracketedPasteSeen();

        Assert.True(rule.TrustsBracketedPaste);
        Assert.False(rule.IsLineBreak(draftIsEmpty: false, moreInputWaiting: true));
    }

    [Theory]
    [InlineData("xterm-256color", null, true)]
    [InlineData("tmux-256color", null, true)]
    [InlineData("screen-256color", null, true)]
    [InlineData("xterm-kitty", null, true)]
    [InlineData("foot", null, true)]
    [InlineData("linux", "/tmp/tmux-0/default,123,0", true)]
    [InlineData("linux", null, false)]
    [InlineData("vt100", "", false)]
    [InlineData("dumb", null, false)]
    [InlineData(null, null, false)]
    public void KnownToBracketPastes_ByTermOrTmux(string? term, string? tmux, bool known) =>
        Assert.Equal(known, EnterRule.KnownToBracketPastes(term, tmux));
}
