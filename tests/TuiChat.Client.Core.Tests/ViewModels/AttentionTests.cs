using TuiChat.Client.Core.Settings;
using TuiChat.Client.Core.Tests.Support;
using TuiChat.Client.Core.Text;
using TuiChat.Client.Core.ViewModels;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.Tests.ViewModels;

/// <summary>When the client rings and notifies, and what the window title says.</summary>
public sealed class AttentionTests : IDisposable
{
    private readonly Preferences _preferences = new();
    private readonly ChatFixture _f;
    private readonly List<Alert> _alerts = [];

    public AttentionTests()
    {
        _f = new ChatFixture(configure: s => s with { Preferences = _preferences });
        _f.Chat.Attention.Alerted += (_, alert) => _alerts.Add(alert);
        _f.Chat.Attention.UpdateTitle();
    }

    public void Dispose() => _f.Dispose();

    private Attention Attention => _f.Chat.Attention;

    [Fact]
    public void DirectMessage_WhileAnotherConversationIsShown_Alerts_WithBellByDefault()
    {
        _f.Joined("#general");

        _f.Message(1, "bob", "alice", "are you there?");

        Alert alert = Assert.Single(_alerts);
        Assert.Equal(new Alert("TuiChat · @bob", "bob: are you there?", Bell: true, DesktopNotification.Off), alert);
    }

    [Fact]
    public void Mention_InAnotherRoom_Alerts_ButPlainChatterDoesNot()
    {
        _f.Joined("#general");
        _f.Joined("#games");
        _f.Chat.Select(_f.Conversation("#general"));

        _f.Message(1, "bob", "#games", "anyone up for chess?");
        Assert.Empty(_alerts);
        _f.Message(2, "bob", "#games", "alice, chess?");

        Assert.Equal("TuiChat · #games", Assert.Single(_alerts).Title);
    }

    [Fact]
    public void Highlight_InTheConversationOnScreen_AlertsOnlyWhileTheTerminalIsUnfocused()
    {
        _f.Joined("#general");

        _f.Message(1, "bob", "#general", "alice: look");
        Assert.Empty(_alerts);

        Attention.TerminalFocused = false;
        _f.Message(2, "bob", "#general", "alice: look now");
        Assert.Single(_alerts);

        Attention.TerminalFocused = true;
        _f.Message(3, "bob", "#general", "alice: thanks");
        Assert.Single(_alerts);
    }

    [Fact]
    public void OwnLines_HistoryPages_AndJoinLines_NeverAlert()
    {
        _f.Joined("#general");
        _f.Raise(new JoinedEvent { Room = "#general", User = "bob" });
        _f.Message(1, "alice", "bob", "hi bob");

        Assert.Empty(_alerts);
    }

    [Fact]
    public void WithBellOffAndNoDesktop_NothingIsRaised_ButTheDesktopChoiceIsCarried()
    {
        _f.Joined("#general");
        _preferences.Bell = false;
        _f.Message(1, "bob", "alice", "one");
        Assert.Empty(_alerts);

        _preferences.Desktop = DesktopNotification.Both;
        _f.Message(2, "bob", "alice", "two");

        Alert alert = Assert.Single(_alerts);
        Assert.False(alert.Bell);
        Assert.Equal(DesktopNotification.Both, alert.Desktop);
    }

    [Fact]
    public void WindowTitle_CountsUnreadHighlights_AndDropsThemWhenRead()
    {
        _f.Joined("#general");
        Assert.Equal("TuiChat · alice", Attention.WindowTitle);

        _f.Message(1, "bob", "alice", "one");
        _f.Message(2, "bob", "alice", "two");
        _f.Message(3, "carol", "#general", "no highlight here");
        Assert.Equal("TuiChat · alice · 2!", Attention.WindowTitle);

        _f.Chat.Select(_f.Conversation("@bob"));
        Assert.Equal("TuiChat · alice", Attention.WindowTitle);
    }

    [Fact]
    public void AMultiLineMessage_IsOneLineInTheNotification()
    {
        _f.Joined("#general");
        _f.Message(1, "bob", "alice", "first\nsecond");

        Assert.Equal("bob: first second", Assert.Single(_alerts).Body);
    }

    [Theory]
    [InlineData(DesktopNotification.Off, true, "\a")]
    [InlineData(DesktopNotification.Osc777, false, "\e]777;notify;TuiChat · @bob, x;bob: hi\e\\")]
    [InlineData(DesktopNotification.Osc9, true, "\e]9;TuiChat · @bob; x: bob: hi\e\\\a")]
    public void Sequences_AreTheOnesTerminalsKnow(DesktopNotification desktop, bool bell, string expected)
    {
        Assert.Equal(expected, TerminalAlerts.Sequences(new Alert("TuiChat · @bob; x", "bob: hi", bell, desktop)));
    }

    [Fact]
    public void Sequences_CarryNoControlCharacter_ThatCouldEndThemEarly()
    {
        string sequences = TerminalAlerts.Sequences(new Alert("t\a", "b\e]0;owned\a", Bell: false, DesktopNotification.Both));

        Assert.Equal(4, sequences.Count(c => c == '\e'));
        Assert.DoesNotContain('\a', sequences);
    }
}
