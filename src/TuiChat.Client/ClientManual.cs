using TuiChat.Cli;

namespace TuiChat.Client;

/// <summary>The text of docs/tuichat.1.md around the options (which come from <see cref="ClientOptions"/>).</summary>
public static class ClientManual
{
    public static ToolManual Page { get; } = new(
        "tuichat",
        "the TuiChat terminal client",
        typeof(ClientOptions),
        Configurable: false,
        """
        Connects to a `tuichat-server` and opens the full-screen client (Terminal.Gui): rooms and
        users on the left, the conversation on the right, F1 for help. With `--menu`, or when
        standard input or output is not a terminal, or `TERM=dumb`, it runs the numbered-menu
        client instead: one answer per line, so a script can drive it; end of input quits with
        exit 0. Every key, mouse action and `/command` is in docs/CLIENT.md.

        Without `--password-env` you are a guest. The password is never taken from the command
        line; the client warns before sending one over plain TCP to a host that is not loopback.
        It reconnects by itself, with a growing delay, also after a server's shutdown (a signal,
        a restart, an admin's `/shutdown`), trying the next server of `--host` first.

        Settings are read from `$XDG_CONFIG_HOME/tuichat/config.toml` (`~/.config/tuichat/config.toml`)
        or the file `--config` names: the options by their long names at the top level,
        `[servers.NAME]` sections for `--server NAME`, and `[display]`, `[notify]`, `[autojoin]`,
        `[keys]`, `[theme]` (docs/CLIENT.md). A bad line is reported once and the client starts
        with that setting's default.
        """,
        [
            ("EXIT STATUS", """
                0 when you quit (or input ends in menu mode), after `--help` and `--version`;
                2 for a bad option, a bad user name, a missing password variable or a `--server`
                the config file does not name.
                """),
            ("FILES", "`$XDG_CONFIG_HOME/tuichat/config.toml` (default `~/.config/tuichat/config.toml`): the settings; `/save-config` writes there."),
            ("SEE ALSO", "tuichat-server(1), docs/CLIENT.md"),
        ]);
}
