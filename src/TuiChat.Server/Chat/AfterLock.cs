namespace TuiChat.Server.Chat;

/// <summary>
/// What a ChatState decision leaves to do once the Monitor is released: start the writers it
/// claimed (a thread-pool wake-up) and drop the links whose queue overflowed (logging and closing
/// a socket). One per thread, reused, so a post allocates nothing; nested entries (a method that
/// calls another inside the lock) run the work only when the outermost one leaves.
/// </summary>
internal sealed class AfterLock
{
    [ThreadStatic]
    private static AfterLock? t_current;

    private readonly List<IClientLink> _writers = [];
    private readonly List<IClientLink> _overflowed = [];
    private int _depth;

    /// <summary>True while the outermost <see cref="Leave"/> drops links: a drop's own decisions add to its list.</summary>
    private bool _dropping;

    /// <summary>The calling thread's instance, entered once more; pair every call with <see cref="Leave"/> in a finally.</summary>
    public static AfterLock Enter()
    {
        AfterLock after = t_current ??= new AfterLock();
        after._depth++;
        return after;
    }

    /// <summary>
    /// Queues <paramref name="e"/> to <paramref name="link"/> and remembers what must follow the
    /// lock. False when the link did not take it (<see cref="SendResult.NotTaken"/>).
    /// </summary>
    public bool Send(IClientLink link, ChatEvent e)
    {
        switch (link.Send(e))
        {
            case SendResult.StartWriter:
                _writers.Add(link);
                break;
            case SendResult.Overflow:
                _overflowed.Add(link);
                break;
            case SendResult.NotTaken:
                return false;
        }
        return true;
    }

    /// <summary>
    /// Queues <paramref name="e"/> to every session of <paramref name="user"/> (under the ChatState
    /// lock, which guards the list). False when none of them took it.
    /// </summary>
    public bool Send(ChatUser user, ChatEvent e)
    {
        // An index loop: a foreach over the read-only interface would box the list's enumerator,
        // an allocation per recipient inside the lock (presence goes to every member of a room).
        IReadOnlyList<IClientLink> sessions = user.Sessions;
        bool taken = false;
        for (int i = 0; i < sessions.Count; i++)
        {
            taken |= Send(sessions[i], e);
        }
        return taken;
    }

    /// <summary>Leaves; the outermost leave (outside every lock by then) does the remembered work.</summary>
    public void Leave()
    {
        if (--_depth > 0)
        {
            return;
        }
        for (int i = 0; i < _writers.Count; i++)
        {
            _writers[i].StartWriter();
        }
        _writers.Clear();
        if (_overflowed.Count == 0 || _dropping)
        {
            // Inside a drop below: the loop there takes the links this decision refused.
            return;
        }
        // Dropping a link takes its user offline, which tells the rooms, which can refuse more
        // links (their peers went away too): under a mass disconnect, a chain of thousands. They
        // are dropped in a loop, never by recursion, or the chain overflows the reader's small stack.
        _dropping = true;
        try
        {
            while (_overflowed.Count > 0)
            {
                // Copied first: a drop re-enters the ChatState on this thread and adds to the list.
                IClientLink[] dropped = [.. _overflowed];
                _overflowed.Clear();
                foreach (IClientLink link in dropped)
                {
                    link.DropOverflowed();
                }
            }
        }
        finally
        {
            _dropping = false;
        }
    }
}
