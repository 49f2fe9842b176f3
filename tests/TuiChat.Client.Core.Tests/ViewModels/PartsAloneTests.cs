using TuiChat.Client.Core.Tests.Support;
using TuiChat.Client.Core.ViewModels;

namespace TuiChat.Client.Core.Tests.ViewModels;

/// <summary>The view-model's parts work without the root: the conversation list and the menu's loop.</summary>
public sealed class PartsAloneTests
{
    private static LogLine Line(long? id, LineKind kind = LineKind.Chat) => new()
    {
        MsgId = id,
        Time = DateTimeOffset.UnixEpoch,
        TimeText = "00:00",
        Kind = kind,
        From = "bob",
        Text = "t" + id,
    };

    [Fact]
    public void ConversationList_OrdersByKindThenName_AndCountsUnreadOnlyAwayFromTheSelectedOne()
    {
        var list = new ConversationList(new ChatSettings { Time = FixedTimeProvider.Utc });
        ConversationViewModel direct = list.GetOrAdd("zoe");
        ConversationViewModel games = list.GetOrAdd("#games");
        ConversationViewModel team = list.GetOrAdd("+team");
        ConversationViewModel general = list.GetOrAdd("#general");
        Assert.Equal(["#games", "#general", "+team", "@zoe"], list.Items.Select(c => c.Name));

        list.Select(general);
        list.AddLine(general, Line(1));
        list.AddLine(games, Line(2));
        list.AddLine(direct, Line(3));
        list.AddLine(team, Line(4, LineKind.JoinLeave));

        Assert.Equal((0, ""), (general.Unread, general.Marks));
        Assert.Equal("(1)", games.Marks);
        Assert.Equal("(1)!", direct.Marks);
        // Only a join or leave: no count, but its own mark (issue 13: activity levels by symbol).
        Assert.Equal((0, "·"), (team.Unread, team.Marks));
    }

    [Fact]
    public void ConversationList_RemovingTheSelectedOne_OffersItsNeighbour()
    {
        var list = new ConversationList(new ChatSettings());
        ConversationViewModel a = list.GetOrAdd("#a");
        ConversationViewModel b = list.GetOrAdd("#b");
        list.Select(b);

        Assert.Same(a, list.Remove(b));
        Assert.Null(list.Selected);
        Assert.Null(list.Remove(a));
    }

    [Fact]
    public void ConversationViewModel_KeepsTheNewestLines_AndMoreWhileTheUserReadsOlderOnes()
    {
        var room = new ConversationViewModel("#r", ConversationKind.Room, maxLines: 3);
        for (long id = 1; id <= 5; id++)
        {
            room.AddLine(Line(id));
        }
        Assert.Equal([3L, 4L, 5L], room.Lines.Select(l => l.MsgId!.Value));
        Assert.False(room.Contains(1));

        room.StickToBottom = false;
        for (long id = 6; id <= 9; id++)
        {
            room.AddLine(Line(id));
        }
        Assert.Equal(6, room.Lines.Count);
        Assert.Equal((4L, 9L), (room.OldestMsgId!.Value, room.NewestMsgId!.Value));
    }

    [Fact]
    public void ConversationViewModel_CountsLinesArrivingBelow_WhileTheUserReadsOlderOnes()
    {
        var room = new ConversationViewModel("#r", ConversationKind.Room, maxLines: 100);
        room.AddLine(Line(1));
        Assert.Equal(0, room.NewBelow); // at the bottom, nothing is "below"

        room.StickToBottom = false;
        room.AddLine(Line(2));
        room.AddLine(Line(3));
        room.AddLine(Line(1)); // a line already shown is not new
        Assert.Equal(2, room.NewBelow);

        room.StickToBottom = true;
        Assert.Equal(0, room.NewBelow);
    }

    [Fact]
    public async Task UiLoop_RunsPostsFromOtherThreadsAndAwaitContinuations_OnItsOwnThread()
    {
        var loop = new UiLoop();
        var threads = new List<int>();
        int loopThread = 0;
        var run = Task.Factory.StartNew(() => loop.Run(async () =>
        {
            loopThread = Environment.CurrentManagedThreadId;
            for (int i = 0; i < 50; i++)
            {
                var posted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _ = Task.Run(() => loop.Post(() =>
                {
                    threads.Add(Environment.CurrentManagedThreadId);
                    posted.SetResult();
                }));
                await posted.Task;
                threads.Add(Environment.CurrentManagedThreadId);
            }
            return threads.Count;
        }), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        Assert.Equal(100, await Eventually.Within(run));
        Assert.All(threads, t => Assert.Equal(loopThread, t));
    }
}
