using Terminal.Gui.Input;
using TuiChat.Client.Core.Settings;
using TuiChat.Client.Tui;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Tests.Tui;

/// <summary>Alt+A, Alt+1…9 and [keys] bindings reach the view-model; the rooms pane shows activity by symbol.</summary>
[Collection(TerminalGuiSerial.Name)]
public sealed class ActivityKeysTests
{
    private static ChatMessage Message(long id, string from, string to, string text) => new()
    {
        MsgId = id, Ts = "2026-01-01T10:02:00.000Z", From = from, To = to, Text = text,
    };

    private static HeadlessChat ThreeRooms()
    {
        var chat = new HeadlessChat();
        foreach (string room in new[] { "#general", "#games", "#dev" })
        {
            chat.Receive(new JoinedEvent { Room = room, User = "alice" });
        }
        chat.Chat.SelectPosition(3); // #general: rooms sort by name (#dev, #games, #general)
        return chat;
    }

    [Fact]
    public void EveryDefaultKey_IsAKeyTerminalGuiReads()
    {
        foreach ((string action, IReadOnlyList<string> keys) in KeyActions.Defaults)
        {
            Assert.All(keys, key => Assert.True(ActionKeys.IsKey(key), $"{action}: {key}"));
        }
        var bindings = new ActionKeys(new Preferences());
        Assert.Equal(KeyActions.NextActivity, bindings.ActionFor(Key.A.WithAlt));
        Assert.Equal(KeyActions.Jump(1), bindings.ActionFor(Key.D1.WithAlt));
        Assert.Equal(KeyActions.Previous, bindings.ActionFor(Key.P.WithCtrl));
    }

    [Fact]
    public void AltA_OpensTheHighlight_First_ThenTheRoomWithMessages()
    {
        using HeadlessChat chat = ThreeRooms();
        chat.Receive(Message(1, "bob", "#dev", "build is green"));
        chat.Receive(Message(2, "bob", "#games", "alice: rematch?"));

        chat.Press(Key.A.WithAlt);
        Assert.Equal("#games", chat.Chat.Selected?.Name);
        chat.Press(Key.A.WithAlt);
        Assert.Equal("#dev", chat.Chat.Selected?.Name);
        chat.Press(Key.A.WithAlt);
        Assert.Equal("#dev", chat.Chat.Selected?.Name);
    }

    [Fact]
    public void AltDigit_OpensTheConversationAtThatPosition()
    {
        using HeadlessChat chat = ThreeRooms();

        chat.Press(Key.D2.WithAlt);
        Assert.Equal("#games", chat.Chat.Selected?.Name);
        chat.Press(Key.D9.WithAlt);
        Assert.Equal("#games", chat.Chat.Selected?.Name);
    }

    [Fact]
    public void ARebindingWithSet_TakesEffectAtOnce()
    {
        using HeadlessChat chat = ThreeRooms();
        chat.Receive(Message(1, "bob", "#dev", "alice: ping"));
        _ = chat.Chat.ExecuteAsync("/set keys.next_activity F2");

        chat.Press(Key.A.WithAlt);
        Assert.Equal("#general", chat.Chat.Selected?.Name);
        chat.Press(Key.F2);
        Assert.Equal("#dev", chat.Chat.Selected?.Name);
    }

    [Fact]
    public void RoomsPane_MarksEachActivityLevel_WithASymbol()
    {
        using HeadlessChat chat = ThreeRooms();
        chat.Receive(new JoinedEvent { Room = "#dev", User = "carol" });
        chat.Receive(Message(1, "bob", "#games", "gg"));
        chat.Draw();

        string[] rows = chat.Screen().Split('\n');
        Assert.EndsWith("·", Row(rows, "#dev"));
        Assert.EndsWith("(1)", Row(rows, "#games"));
        chat.Receive(Message(2, "bob", "#games", "alice?"));
        chat.Draw();
        Assert.EndsWith("(2)!", Row(chat.Screen().Split('\n'), "#games"));
    }

    /// <summary>The rooms pane's row of <paramref name="name"/>, without the border.</summary>
    private static string Row(string[] screen, string name) =>
        screen.First(l => l.Contains(name, StringComparison.Ordinal)).Split('│')[1].TrimEnd();
}
