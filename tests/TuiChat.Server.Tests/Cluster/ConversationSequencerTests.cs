using TuiChat.Server.Cluster;
using TuiChat.Server.Storage;
using TuiChat.Server.Storage.Postgres;

namespace TuiChat.Server.Tests.Cluster;

/// <summary>The per-conversation order a node delivers in, whatever order the backplane brings lines in (or drops them).</summary>
public sealed class ConversationSequencerTests
{
    private const string Room = "#general";

    private readonly FakeRoomLog _log = new();
    private readonly List<long> _delivered = [];
    private readonly ConversationSequencer _sequencer;

    public ConversationSequencerTests() => _sequencer = new ConversationSequencer(_log, line => _delivered.Add(line.Seq));

    [Fact]
    public void LinesInOrder_AreDelivered_AndRepeatsAreDropped()
    {
        _sequencer.Watch(Room);
        _sequencer.Offer(_log.Store());
        _sequencer.Offer(_log.Store());
        _sequencer.Offer(_log.Line(1));
        _sequencer.Offer(_log.Line(2));

        Assert.Equal([1, 2], _delivered);
        Assert.Equal(0, _log.Reads);
    }

    [Fact]
    public void ALineAfterAGap_FirstDeliversTheMissingOnes_FromTheStore_ThenTheLaterOnesOnce()
    {
        _sequencer.Watch(Room);
        _log.Store();
        _log.Store();
        NumberedMessage third = _log.Store();

        _sequencer.Offer(third); // 1 and 2 were lost on the way
        _sequencer.Offer(_log.Line(1));
        _sequencer.Offer(_log.Line(2));
        _sequencer.Offer(third);
        _sequencer.Offer(_log.Store());

        Assert.Equal([1, 2, 3, 4], _delivered);
    }

    [Fact]
    public void AConversationBegunAtItsLastLine_DeliversThatLine_AndWhatFollows_NotWhatCameBefore()
    {
        _log.Store();
        _log.Store(); // a file offer just stored, which no line announced

        _sequencer.BeginAtLast(Room);
        _sequencer.CatchUp(Room);
        _sequencer.BeginAtLast(Room); // delivered here already: nothing changes
        _sequencer.Offer(_log.Store());

        Assert.Equal([2, 3], _delivered);
    }

    [Fact]
    public void AQuietRoomsLostLastLine_IsFoundByCatchUp()
    {
        _sequencer.Watch(Room);
        _sequencer.Offer(_log.Store());
        _log.Store(); // published while Redis was down: nobody heard of it

        _sequencer.CatchUp(Room);
        _sequencer.CatchUp(Room);

        Assert.Equal([1, 2], _delivered);
    }

    [Fact]
    public void ARoomIsDeliveredFromWhenItIsWatched_AndNotAtAllBefore()
    {
        _sequencer.Offer(_log.Store()); // nobody here is in the room yet
        _sequencer.Watch(Room);
        _sequencer.Offer(_log.Store());

        Assert.Equal([2], _delivered);
    }

    [Fact]
    public void ARoomNobodyHereIsInAnyMore_IsNoLongerWatched_AndNotReadByTheCheck()
    {
        _sequencer.Watch(Room);
        _sequencer.Watch("#left-behind");

        _sequencer.KeepOnly(c => c == Room);
        _sequencer.Offer(_log.Store());

        Assert.Equal([Room], _sequencer.Watched);
        Assert.Equal([1], _delivered);
    }

    [Fact]
    public void LinesCommittedWhileTheWatchWasOnItsWay_AreDelivered_NotTakenForRepeats()
    {
        // A join asked for the watch; two lines were committed (and queued behind the watch) before the
        // worker read the room's last number, which counts them already.
        _log.Store();
        NumberedMessage second = _log.Store();
        NumberedMessage third = _log.Store();
        _sequencer.Watch(Room);

        _sequencer.Offer(second);
        _sequencer.Offer(third);
        _sequencer.Offer(third);
        _sequencer.Offer(_log.Store());

        Assert.Equal([2, 3, 4], _delivered);
    }

    [Fact]
    public void ADirectConversation_BeginsWithTheFirstLineSeen_AndAnEarlierLineOvertakenOnTheWayStillArrives()
    {
        _log.Store();
        NumberedMessage first = _log.Store();
        NumberedMessage second = _log.Store();
        _sequencer.Offer(first, begin: false);
        Assert.Empty(_delivered);

        _sequencer.Offer(second, begin: true);
        _sequencer.Offer(first, begin: true);
        _sequencer.Offer(second, begin: true);
        _sequencer.Offer(_log.Store(), begin: true);

        Assert.Equal([3, 2, 4], _delivered);
    }

    [Fact]
    public void AGapLongerThanOneRead_IsFilledToTheEnd()
    {
        _sequencer.Watch(Room);
        NumberedMessage last = _log.Store();
        for (int i = 0; i < 1200; i++)
        {
            last = _log.Store();
        }

        _sequencer.Offer(last);

        Assert.Equal(Enumerable.Range(1, 1201).Select(n => (long)n), _delivered);
    }

    private sealed class FakeRoomLog : IRoomLog
    {
        private readonly List<NumberedMessage> _lines = [];

        public int Reads { get; private set; }

        public NumberedMessage Store()
        {
            var line = new NumberedMessage(_lines.Count + 1, new StoredMessage(100 + _lines.Count, DateTimeOffset.UnixEpoch, Room, "alice", Room, $"line {_lines.Count + 1}"));
            _lines.Add(line);
            return line;
        }

        public NumberedMessage Line(long seq) => _lines[(int)seq - 1];

        public long LastNumber(string conversation) => _lines.Count;

        public IReadOnlyList<NumberedMessage> ConversationSince(string conversation, long afterSeq, int limit)
        {
            Reads++;
            return [.. _lines.Where(l => l.Seq > afterSeq).Take(limit)];
        }

        public FileRecord? FindFile(string fileId) => null;

        public Task<NumberedMessage> AppendLineAsync(StoredMessage proposed, string? offlineRecipient, Action<NumberedMessage> numbered) => throw new NotSupportedException();

        public Task ForgetQueuedAsync(string user, long msgId) => throw new NotSupportedException();

        public Task<FileRecord> AppendFileAsync(FileRecord proposed, string? offlineRecipient) => throw new NotSupportedException();
    }
}
