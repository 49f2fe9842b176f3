using System.Globalization;
using System.Diagnostics;

namespace TuiChat.Client.Tests.Tui;

/// <summary>
/// A tmux server on a private socket (<c>tmux -L name</c>) so the tests never see or touch a
/// user's own sessions; disposing it kills that server and everything running in it.
/// </summary>
internal sealed class Tmux : IDisposable
{
    private readonly string _socket = "tuichat-test-" + Guid.NewGuid().ToString("N")[..8];

    public static bool IsInstalled()
    {
        try
        {
            return Run(null, "-V").ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>Starts <paramref name="command"/> (run by sh) in a new detached session of the given size.</summary>
    public void NewSession(string session, int width, int height, string command) =>
        Check(Run(_socket, "new-session", "-d", "-s", session, "-x", width.ToString(CultureInfo.InvariantCulture), "-y", height.ToString(CultureInfo.InvariantCulture), command));

    /// <summary>Types <paramref name="text"/> literally, as a person would.</summary>
    public void Type(string session, string text) => Check(Run(_socket, "send-keys", "-t", session, "-l", text));

    /// <summary>Presses named keys (tmux names: Enter, Tab, F1, C-q, PPage...).</summary>
    public void Press(string session, params string[] keys) =>
        Check(Run(_socket, ["send-keys", "-t", session, .. keys]));

    /// <summary>
    /// Pastes <paramref name="text"/> as a terminal does: tmux wraps it in bracketed-paste
    /// markers (ESC[200~ … ESC[201~) because the client asked for them, and sends line ends as CR.
    /// </summary>
    public void Paste(string session, string text)
    {
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, text.Replace("\n", "\r", StringComparison.Ordinal));
            Check(Run(_socket, "load-buffer", "-b", "paste", file));
            Check(Run(_socket, "paste-buffer", "-p", "-d", "-b", "paste", "-t", session));
        }
        finally
        {
            File.Delete(file);
        }
    }

    public string Capture(string session)
    {
        var result = Run(_socket, "capture-pane", "-p", "-t", session);
        return result.ExitCode == 0 ? result.Output : "";
    }

    /// <summary>A tmux format about a window or pane, e.g. <c>#{window_bell_flag}</c> or <c>#{pane_title}</c>.</summary>
    public string Display(string target, string format)
    {
        var result = Run(_socket, "display-message", "-p", "-t", target, format);
        return result.ExitCode == 0 ? result.Output.TrimEnd('\n') : "";
    }

    /// <summary>Opens another window in <paramref name="session"/> and makes it the current one (the first is then off screen).</summary>
    public void NewWindow(string session, string command) => Check(Run(_socket, "new-window", "-t", session, command));

    public bool HasSession(string session) => Run(_socket, "has-session", "-t", session).ExitCode == 0;

    public void Dispose() => Run(_socket, "kill-server");

    private static void Check((int ExitCode, string Output) result)
    {
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("tmux failed: " + result.Output);
        }
    }

    private static (int ExitCode, string Output) Run(string? socket, params string[] args)
    {
        var start = new ProcessStartInfo("tmux")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (socket is not null)
        {
            start.ArgumentList.Add("-L");
            start.ArgumentList.Add(socket);
        }
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        // The test host runs Terminal.Gui headless through this variable; the real clients that
        // tmux starts must not inherit it, or they would draw nothing.
        start.Environment.Remove(HeadlessDriver.EnvironmentVariable);
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
