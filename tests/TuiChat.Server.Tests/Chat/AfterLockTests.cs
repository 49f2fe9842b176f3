using TuiChat.Server.Chat;

namespace TuiChat.Server.Tests.Chat;

/// <summary>
/// Dropping a link takes its user offline, and telling that user's rooms can refuse more links
/// whose peers went away too. Under a mass disconnect that is a chain of thousands, and it once
/// ran as a recursion (Leave → DropOverflowed → RemoveUser → Leave …) until a reader thread's
/// small stack overflowed and the server died. The chain must be dropped in a loop.
/// </summary>
public sealed class AfterLockTests
{
    private static readonly ChatEvent Left = new MemberLeft("#general", 1, "someone", "disconnect");

    [Fact]
    public void AChainOfLinks_EachRefusedWhileTheOneBeforeIsDropped_IsDroppedInALoop_NotByRecursion()
    {
        // Short enough that the old recursion would not overflow the test's own stack, long enough to show its depth.
        const int length = 1_000;
        var chain = new Chain();
        ChainedLink? next = null;
        var links = new ChainedLink[length];
        for (int i = length - 1; i >= 0; i--)
        {
            next = links[i] = new ChainedLink(chain, next);
        }

        AfterLock after = AfterLock.Enter();
        after.Send(links[0], Left);
        after.Leave();

        Assert.All(links, link => Assert.True(link.Dropped));
        Assert.Equal(1, chain.DeepestNesting);
    }

    [Fact]
    public void WritersClaimedDuringADrop_AreStarted()
    {
        var chain = new Chain();
        var writer = new ChainedLink(chain, null, SendResult.StartWriter);
        var dropped = new ChainedLink(chain, writer);

        AfterLock after = AfterLock.Enter();
        after.Send(dropped, Left);
        after.Leave();

        Assert.True(dropped.Dropped);
        Assert.True(writer.WriterStarted);
    }

    private sealed class Chain
    {
        public int Nesting;
        public int DeepestNesting;
    }

    /// <summary>A link whose queue refuses (or takes) an event, and whose drop, like a real one, makes a decision that reaches <c>next</c>.</summary>
    private sealed class ChainedLink(Chain chain, ChainedLink? next, SendResult answer = SendResult.Overflow) : IClientLink
    {
        public bool Dropped { get; private set; }

        public bool WriterStarted { get; private set; }

        public string RemoteAddress => "127.0.0.1";

        public bool IsClosing => Dropped;

        public SendResult Send(ChatEvent e) => answer;

        public void Prefetch()
        {
        }

        public void StartWriter() => WriterStarted = true;

        public void DropOverflowed()
        {
            chain.Nesting++;
            chain.DeepestNesting = Math.Max(chain.DeepestNesting, chain.Nesting);
            Dropped = true;
            AfterLock after = AfterLock.Enter();
            if (next is not null)
            {
                after.Send(next, Left);
            }
            after.Leave();
            chain.Nesting--;
        }

        public void Disconnect(string reason) => Dropped = true;
    }
}
