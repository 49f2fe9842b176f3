namespace TuiChat.Client.Tests.Tui;

/// <summary>A test that drives real clients in tmux; skipped, saying why, where tmux is missing.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TmuxFactAttribute : FactAttribute
{
    public TmuxFactAttribute()
    {
        if (!Tmux.IsInstalled())
        {
            Skip = "tmux is not installed (apt-get install tmux / brew install tmux): the full-screen end-to-end test drives the client inside tmux";
        }
    }
}
