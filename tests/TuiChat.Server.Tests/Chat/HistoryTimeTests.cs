using TuiChat.Server.Chat;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Tests.Chat;

public sealed class HistoryTimeTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 6, 0, 0, TimeSpan.Zero);
    private readonly InMemoryChatStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task TheBound_SplitsTheLinesBeforeAMomentFromTheRest_AtEveryMoment()
    {
        // Two rooms whose ids interleave unevenly, several lines in one second, and quiet gaps.
        var random = new Random(12);
        DateTimeOffset time = T0;
        for (long id = 1; id <= 300; id++)
        {
            time = time.AddSeconds(random.Next(4) == 0 ? 0 : random.Next(1, 90));
            await _store.AppendMessageAsync(new StoredMessage(id, time, random.Next(3) == 0 ? "other~01" : "games~01", "bob", "#games", $"line {id}"));
        }
        IReadOnlyList<StoredMessage> games = _store.History("games~01", null, 1000);

        for (DateTimeOffset moment = T0.AddSeconds(-30); moment <= time.AddSeconds(30); moment = moment.AddSeconds(7))
        {
            long bound = HistoryTime.FirstAtOrAfter(_store, "games~01", moment);
            Assert.All(games.Where(l => l.MsgId < bound), l => Assert.True(l.Ts < moment, $"line {l.MsgId} at {l.Ts:T} is not before {moment:T}"));
            Assert.All(games.Where(l => l.MsgId >= bound), l => Assert.True(l.Ts >= moment, $"line {l.MsgId} at {l.Ts:T} is before {moment:T}"));
        }
    }

    [Fact]
    public async Task AMomentAtALine_PutsThatLineAfterIt_AndAnEmptyConversationHasNoLineBefore()
    {
        await _store.AppendMessageAsync(new StoredMessage(7, T0, "games~01", "bob", "#games", "first"));
        await _store.AppendMessageAsync(new StoredMessage(9, T0.AddMinutes(1), "games~01", "bob", "#games", "second"));

        Assert.Equal(["first"], Split(T0.AddMinutes(1)).Before);
        Assert.Equal(["second"], Split(T0.AddMinutes(1)).From);
        Assert.Equal(["first", "second"], Split(T0.AddMinutes(1).AddTicks(1)).Before);
        Assert.Equal(["first", "second"], Split(T0).From);
        Assert.Equal(1, HistoryTime.FirstAtOrAfter(_store, "nothing~01", T0));
    }

    /// <summary>The texts of games~01 before the bound of <paramref name="moment"/>, and from it on.</summary>
    private (List<string> Before, List<string> From) Split(DateTimeOffset moment)
    {
        long bound = HistoryTime.FirstAtOrAfter(_store, "games~01", moment);
        return ([.. _store.History("games~01", bound, 100).Select(l => l.Text)], [.. _store.FirstAfter("games~01", bound - 1, 100).Select(l => l.Text)]);
    }
}
