using NSubstitute;
using Terminal.Gui.Drawing;
using TuiChat.Client.Core.Settings;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Tests.Tui;

/// <summary>The log pane draws the view-model's rules (read marker, day change) as rows across the log, and each sender's name in its colour.</summary>
[Collection(TerminalGuiSerial.Name)]
public sealed class LogRulesTests
{
    private static void Say(HeadlessChat chat, long id, string room, string text, string ts = "2026-01-01T10:00:00.000Z", string from = "bob") =>
        chat.Receive(new ChatMessage { MsgId = id, Ts = ts, From = from, To = room, Text = text });

    private static string[] Rows(HeadlessChat chat) =>
        Enumerable.Range(0, chat.Window.Log.RowCount).Select(chat.Window.Log.RowText).ToArray();

    [Fact]
    public void ReadMarker_IsARowAboveTheFirstUnseenLine_AndGoesOnceReadAndLeft()
    {
        using var chat = new HeadlessChat(width: 80, height: 24);
        chat.Receive(new JoinedEvent { Room = "#general", User = "alice" });
        chat.Receive(new JoinedEvent { Room = "#games", User = "alice" });
        chat.Chat.SelectByName("#games");
        Say(chat, 1, "#games", "seen before");
        chat.Chat.SelectByName("#general");
        Say(chat, 2, "#games", "joão chegou 🇧🇷");
        Say(chat, 3, "#games", "李雷 too");

        chat.Chat.SelectByName("#games");
        chat.Draw();

        string[] rows = Rows(chat);
        int marker = Array.FindIndex(rows, r => r.StartsWith("── new ─", StringComparison.Ordinal));
        Assert.True(marker > 0, string.Join("\n", rows));
        Assert.EndsWith("bob: joão chegou 🇧🇷", rows[marker + 1], StringComparison.Ordinal);
        Assert.Contains("── new ───", chat.Screen(), StringComparison.Ordinal);
        Assert.Equal(chat.Window.Log.Viewport.Width - 1, Terminal.Gui.Text.StringExtensions.GetColumns(rows[marker])); // across the pane, one column kept blank

        // Read to the bottom, away and back with nothing new: no marker.
        chat.Chat.SelectByName("#general");
        chat.Chat.SelectByName("#games");
        chat.Draw();
        Assert.DoesNotContain(Rows(chat), r => r.StartsWith("── new", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OwnReply_AtTheBottom_LeavesNoMarkerRow_AsLinesKeepComing()
    {
        using var chat = new HeadlessChat(width: 80, height: 24);
        chat.Receive(new JoinedEvent { Room = "#general", User = "alice" });
        chat.Receive(new JoinedEvent { Room = "#games", User = "alice" });
        Say(chat, 1, "#general", "read before");
        // Away and back at the bottom: the read position is known, below "read before".
        chat.Chat.SelectByName("#games");
        chat.Chat.SelectByName("#general");
        Say(chat, 2, "#general", "oi alice");
        chat.Connection.SendMessageAsync(default!, default!).ReturnsForAnyArgs(Task.FromResult(new MsgOk { Re = "1", MsgId = 3, Ts = "2026-01-01T10:00:00.000Z" }));

        await chat.Chat.ExecuteAsync("oi bob");
        Say(chat, 4, "#general", "tudo bem?");
        chat.Draw();

        string[] rows = Rows(chat);
        Assert.Contains(rows, r => r.EndsWith("alice: oi bob", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.StartsWith("── new", StringComparison.Ordinal));
    }

    [Fact]
    public void DayChange_IsARowBetweenLinesOfDifferentDays_WithTheLongDate()
    {
        using var chat = new HeadlessChat(width: 80, height: 24);
        chat.Receive(new JoinedEvent { Room = "#general", User = "alice" });
        Say(chat, 1, "#general", "day one", "2026-01-01T10:00:00.000Z");
        Say(chat, 2, "#general", "day two", "2026-01-02T10:00:00.000Z");

        string[] rows = Rows(chat);
        int two = Array.FindIndex(rows, r => r.EndsWith("bob: day two", StringComparison.Ordinal));
        DateTime local = TimeZoneInfo.ConvertTime(DateTimeOffset.Parse("2026-01-02T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), TimeZoneInfo.Local).DateTime;
        Assert.StartsWith("── " + local.ToString("D", System.Globalization.CultureInfo.CurrentCulture) + " ─", rows[two - 1], StringComparison.Ordinal);
        Assert.EndsWith("bob: day one", rows[two - 2], StringComparison.Ordinal);
    }

    [Fact]
    public void SendersName_IsDrawnInItsColour_AndNickColorsOffLeavesTheLinesColour()
    {
        using var chat = new HeadlessChat(width: 80, height: 24);
        chat.Receive(new JoinedEvent { Room = "#general", User = "alice" });
        Say(chat, 1, "#general", "hello there");
        chat.Draw();

        (int row, int column) = Find(chat, "bob: hello there");
        Color name = chat.App.Driver!.Contents![row, column].Attribute!.Value.Foreground;
        Color text = chat.App.Driver.Contents[row, column + 5].Attribute!.Value.Foreground;
        Assert.Equal(new Color(Enum.Parse<ColorName16>(NickColours.For("bob", "alice", ThemeColours.Defaults), ignoreCase: true)), name);
        Assert.NotEqual(name, text);

        _ = chat.Chat.ExecuteAsync("/set display.nick_colors off");
        chat.Draw();
        (row, column) = Find(chat, "bob: hello there");
        Assert.Equal(chat.App.Driver.Contents[row, column + 5].Attribute!.Value.Foreground, chat.App.Driver.Contents[row, column].Attribute!.Value.Foreground);
    }

    private static (int Row, int Column) Find(HeadlessChat chat, string text)
    {
        string[] lines = chat.Screen().Split('\n');
        int row = Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
        Assert.True(row >= 0, chat.Screen());
        return (row, lines[row].IndexOf(text, StringComparison.Ordinal));
    }
}
