using System.Runtime.CompilerServices;
using TuiChat.Server.Connections;

namespace TuiChat.Server.Tests.Connections;

/// <summary>The pooled list an outbox queues frames in: order kept through growth and the writer's moves, nothing held once removed.</summary>
public sealed class OutItemListTests
{
    [Fact]
    public void ItemsKeepTheirOrder_ThroughGrowth_RemoveFirst_AndAddRange()
    {
        var queue = new OutItemList();
        for (int i = 0; i < 5000; i++)
        {
            queue.Add(Item(i));
        }
        var later = new OutItemList();
        for (int i = 5000; i < 5100; i++)
        {
            later.Add(Item(i));
        }

        // What the writer does after a partial write: drop what went, append what came meanwhile.
        queue.RemoveFirst(1234);
        queue.AddRange(later);

        Assert.Equal(5100 - 1234, queue.Count);
        for (int i = 0; i < queue.Count; i++)
        {
            Assert.Equal(1234 + i, queue[i].Charge);
        }
        Assert.Equal(100, later.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => queue[queue.Count]);
    }

    [Fact]
    public void ReleasedAndRemovedFrames_AreNotKeptAlive_AndTheListIsUsableAfterRelease()
    {
        var queue = new OutItemList();
        WeakReference removed = AddFrames(queue, 1000);
        queue.RemoveFirst(1000);
        WeakReference cleared = AddFrames(queue, 1000);
        queue.Clear();
        queue.Release();

        GC.Collect();
        GC.WaitForPendingFinalizers();

        Assert.False(removed.IsAlive);
        Assert.False(cleared.IsAlive);
        queue.Add(Item(7));
        Assert.Equal(7, Assert.Single(Enumerable.Range(0, queue.Count).Select(i => queue[i])).Charge);
    }

    private static OutItem Item(int charge) => new(null, null, charge);

    /// <summary>Adds <paramref name="count"/> items whose last carries a frame nothing else refers to.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference AddFrames(OutItemList queue, int count)
    {
        for (int i = 1; i < count; i++)
        {
            queue.Add(Item(i));
        }
        byte[] frame = new byte[100];
        queue.Add(new OutItem(frame, null, frame.Length));
        return new WeakReference(frame);
    }
}
