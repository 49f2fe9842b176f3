using TuiChat.Client.Core.Tests.Support;
using TuiChat.Client.Core.ViewModels;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.Tests.ViewModels;

/// <summary>Activity levels, their marks, and the order Alt+A and Alt+1…9 open conversations in.</summary>
public sealed class ActivityTests : IDisposable
{
    private readonly ChatFixture _f = new();

    public ActivityTests()
    {
        foreach (string room in new[] { "#general", "#games", "#dev" })
        {
            _f.Joined(room);
        }
        _f.Chat.Select(_f.Conversation("#general"));
    }

    public void Dispose() => _f.Dispose();

    private ConversationViewModel C(string name) => _f.Conversation(name);

    [Fact]
    public void Levels_RiseFromJoinsToMessagesToHighlights_EachWithItsMark()
    {
        _f.Raise(new JoinedEvent { Room = "#dev", User = "carol" });
        Assert.Equal((ActivityLevel.Events, "·"), (C("#dev").Activity, C("#dev").Marks));

        _f.Message(1, "bob", "#dev", "hi");
        Assert.Equal((ActivityLevel.Message, "(1)"), (C("#dev").Activity, C("#dev").Marks));

        _f.Message(2, "bob", "#dev", "alice?");
        Assert.Equal((ActivityLevel.Highlight, "(2)!"), (C("#dev").Activity, C("#dev").Marks));

        _f.Chat.Select(C("#dev"));
        Assert.Equal((ActivityLevel.None, ""), (C("#dev").Activity, C("#dev").Marks));
    }

    [Fact]
    public void TheSelectedConversation_GathersNoActivity()
    {
        _f.Raise(new JoinedEvent { Room = "#general", User = "carol" });
        _f.Message(1, "bob", "#general", "alice: hi");

        Assert.Equal(ActivityLevel.None, C("#general").Activity);
    }

    [Fact]
    public void NextActive_PrefersHighlights_ThenMessages_NeverJoinsOnly()
    {
        _f.Raise(new JoinedEvent { Room = "#dev", User = "carol" });
        _f.Message(1, "bob", "#games", "gg");
        _f.Message(2, "bob", "bob", "psst");

        _f.Chat.SelectNextActive();
        Assert.Equal("@bob", _f.Chat.Selected?.Name);
        _f.Chat.SelectNextActive();
        Assert.Equal("#games", _f.Chat.Selected?.Name);
        _f.Chat.SelectNextActive();
        Assert.Equal("#games", _f.Chat.Selected?.Name);
    }

    [Fact]
    public void NextActive_AmongEquals_TakesTheNextOneAfterTheSelected_Wrapping()
    {
        _f.Chat.Select(C("#games"));
        _f.Message(1, "bob", "#dev", "one");
        _f.Message(2, "bob", "#general", "two");

        _f.Chat.SelectNextActive();

        Assert.Equal("#general", _f.Chat.Selected?.Name);
    }

    [Fact]
    public void Positions_FollowTheListOrder_KindThenName()
    {
        _f.Message(1, "bob", "bob", "psst");
        _f.Raise(new JoinedEvent { Room = "+team", User = "alice" });

        Assert.Equal(["#dev", "#games", "#general", "+team", "@bob"], _f.Chat.Conversations.Select(c => c.Name));
        _f.Chat.SelectPosition(4);
        Assert.Equal("+team", _f.Chat.Selected?.Name);
        _f.Chat.SelectPosition(9);
        Assert.Equal("+team", _f.Chat.Selected?.Name);
    }
}
