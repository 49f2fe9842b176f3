using System.Threading.Channels;
using Serilog;

namespace TuiChat.Server.Cluster;

/// <summary>
/// The one thread that does a node's cluster work (sequencing, delivering, publishing, checks) in the
/// order it was queued, so none of it needs a lock of its own. A database or Redis that is away fails
/// one piece of work, which is logged: the next check finds what it could not deliver.
/// </summary>
internal sealed class ClusterWorker(ILogger log)
{
    private readonly Channel<Action> _work = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
    private Thread? _thread;

    public void Start()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "cluster" };
        _thread.Start();
    }

    /// <summary>Queues work; never blocks (it may be called inside the ChatState lock).</summary>
    public void Enqueue(Action work) => _work.Writer.TryWrite(work);

    /// <summary>Runs what is queued, then ends the thread (waiting a few seconds at most).</summary>
    public void Stop()
    {
        _work.Writer.TryComplete();
        _thread?.Join(TimeSpan.FromSeconds(5));
    }

    private void Run()
    {
        while (_work.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (_work.Reader.TryRead(out Action? work))
            {
                try
                {
                    work();
                }
                catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException or StackExchange.Redis.RedisException)
                {
                    log.Warning("Cluster: {Reason}; retrying at the next check", e.Message);
                }
            }
        }
    }
}
