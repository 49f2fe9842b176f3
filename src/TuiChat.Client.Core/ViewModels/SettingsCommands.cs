using TuiChat.Client.Core.Settings;

namespace TuiChat.Client.Core.ViewModels;

/// <summary><c>/set</c> and <c>/save-config</c>: the config file's settings, seen and changed from the input line.</summary>
internal sealed class SettingsCommands(ChatContext context)
{
    private ChatSettings Settings => context.Settings;

    /// <summary>
    /// <c>/set</c> lists every setting, <c>/set key</c> shows one (or every one of a section:
    /// <c>/set keys</c>), <c>/set key value</c> changes it for this session.
    /// </summary>
    public void Set(string? key, string value)
    {
        if (key is null)
        {
            Show(Settings.Catalog.All);
            return;
        }
        if (value.Length == 0)
        {
            Preference[] matching = Settings.Catalog.All.Where(p => p.Key == key || p.Section == key).ToArray();
            if (matching.Length == 0)
            {
                throw new ArgumentException($"{key}: unknown setting (/set lists them)");
            }
            Show(matching);
            return;
        }
        // Commands run on the UI thread, where the settings live.
        string? problem = Settings.Catalog.TrySetFromText(Settings.Preferences, key, value);
        context.Notice(problem is null
            ? PreferenceCatalog.Describe(Settings.Catalog.Find(key)!, Settings.Preferences) + " (for this session; /save-config keeps it)"
            : "error: " + problem);
    }

    /// <summary>Writes the settings changed this session into the config file.</summary>
    public void Save()
    {
        if (Settings.Store is not { } store)
        {
            throw new ArgumentException("this client has no config file to save to");
        }
        IReadOnlyList<string> written = store.Save(Settings.Preferences);
        context.Notice(written.Count == 0
            ? $"nothing changed since the start; {store.Path} left as it is"
            : $"saved {string.Join(", ", written)} to {store.Path}");
    }

    /// <summary><c>/ignore user</c> adds to <c>[people] ignore</c> and saves it at once; <c>/ignore</c> lists it.</summary>
    public void Ignore(string? user)
    {
        IReadOnlyList<string> ignored = Settings.Preferences.Ignored;
        if (user is null)
        {
            context.Notice(ignored.Count == 0 ? "you ignore nobody" : "ignored: " + string.Join(", ", ignored));
            return;
        }
        if (ignored.Any(i => TuiChat.Protocol.NameRules.Key(i) == TuiChat.Protocol.NameRules.Key(user)))
        {
            throw new ArgumentException($"{user} is ignored already");
        }
        Keep([.. ignored, user], $"{user} is ignored: their messages and files are not shown here");
    }

    public void Unignore(string user)
    {
        string key = TuiChat.Protocol.NameRules.Key(user);
        IReadOnlyList<string> ignored = Settings.Preferences.Ignored;
        if (!ignored.Any(i => TuiChat.Protocol.NameRules.Key(i) == key))
        {
            throw new ArgumentException($"{user} is not ignored");
        }
        Keep(ignored.Where(i => TuiChat.Protocol.NameRules.Key(i) != key).ToArray(), $"{user} is no longer ignored");
    }

    /// <summary>Sets the list and writes it to the config file, so it holds in the next session too.</summary>
    private void Keep(IReadOnlyList<string> ignored, string done)
    {
        if (Settings.Catalog.TrySet(Settings.Preferences, "people.ignore", ignored) is { } problem)
        {
            throw new ArgumentException(problem);
        }
        if (Settings.Store is { } store)
        {
            store.Save(Settings.Preferences);
            done += $" (kept in {store.Path})";
        }
        context.Notice(done);
    }

    private void Show(IEnumerable<Preference> preferences)
    {
        foreach (Preference preference in preferences)
        {
            context.Notice(PreferenceCatalog.Describe(preference, Settings.Preferences));
        }
    }
}
