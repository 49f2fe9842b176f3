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

/// <summary>A test that drives irssi and the full-screen client in tmux; skipped, saying why, where either is missing.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class IrssiFactAttribute : FactAttribute
{
    public IrssiFactAttribute()
    {
        if (!Tmux.IsInstalled())
        {
            Skip = "tmux is not installed: the IRC end-to-end test drives irssi inside tmux";
        }
        else if (!File.Exists("/usr/bin/irssi"))
        {
            Skip = "irssi is not installed (apt-get install irssi; .ci/run installs it)";
        }
    }
}
