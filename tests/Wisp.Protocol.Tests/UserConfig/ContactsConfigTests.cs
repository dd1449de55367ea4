using Wisp.Protocol.Groups;
using Wisp.Protocol.UserConfig;

namespace Wisp.Protocol.Tests.UserConfig;

/// <summary>libsession-util's test_config_contacts.cpp checks, and two devices editing contacts at once.</summary>
public sealed class ContactsConfigTests
{
    [Fact]
    public void A_new_contact_is_stored_with_libsessions_keys_and_reads_back()
    {
        using var account = UserConfigVectors.Account();
        var contacts = new ContactsConfig(account);
        var id = UserConfigVectors.SessionId('0');
        Assert.Null(contacts.Get(id));
        Assert.False(contacts.NeedsPush);

        contacts.Set(contacts.GetOrConstruct(id) with { Name = "Joe", Nickname = "Joey", Approved = true, Blocked = true, Created = 1700000000 });
        Assert.True(contacts.NeedsPush);
        var push = contacts.Push();
        Assert.Equal(1, push.Seqno);

        var encrypted = UserConfigWrapping.TryUnwrap(account, push.Data, UserConfigKind.Contacts)!;
        var plain = System.Text.Encoding.Latin1.GetString(ConfigEnvelope.Open(encrypted, [account.Seed.ToArray()], "Contacts", out _)!);
        var key = System.Text.Encoding.Latin1.GetString(Convert.FromHexString(id));
        Assert.Contains($"1:cd33:{key}d1:N4:Joey1:ai1e1:bi1e1:ji1700000000e1:n3:Joeee", plain, StringComparison.Ordinal);

        var other = new ContactsConfig(account);
        other.Merge([new ConfigIncoming("h1", push.Data)]);
        var read = other.Get(id)!;
        Assert.Equal(("Joe", "Joey", true, false, true), (read.Name, read.Nickname, read.Approved, read.ApprovedMe, read.Blocked));
    }

    [Fact]
    public void Disappearing_settings_need_both_a_mode_and_a_timer_and_mentions_read_as_all()
    {
        using var account = UserConfigVectors.Account();
        var contacts = new ContactsConfig(account);
        var id = UserConfigVectors.SessionId('1');
        contacts.Set(new ContactInfo(id) { ExpirationMode = ExpirationMode.AfterRead, ExpirationSeconds = 0, Notifications = NotifyMode.MentionsOnly });
        Assert.Equal(ExpirationMode.None, contacts.Get(id)!.ExpirationMode);
        Assert.Equal(NotifyMode.All, contacts.Get(id)!.Notifications);
        contacts.Set(contacts.Get(id)! with { ExpirationMode = ExpirationMode.AfterSend, ExpirationSeconds = 3600, MuteUntil = 1800000000 });
        Assert.Equal((ExpirationMode.AfterSend, 3600L, 1800000000L), (contacts.Get(id)!.ExpirationMode, contacts.Get(id)!.ExpirationSeconds, contacts.Get(id)!.MuteUntil));
    }

    [Fact]
    public void Nicknames_over_100_bytes_are_refused_and_bad_ids_too()
    {
        using var account = UserConfigVectors.Account();
        var contacts = new ContactsConfig(account);
        Assert.Throws<ArgumentException>(() => contacts.Set(new ContactInfo(UserConfigVectors.SessionId('2')) { Nickname = new string('x', 101) }));
        Assert.Throws<ArgumentException>(() => contacts.Get("03" + new string('2', 64)));
        Assert.Throws<ArgumentException>(() => contacts.Get("05abc"));
    }

    [Fact]
    public void Concurrent_edits_on_two_devices_both_survive_the_merge()
    {
        using var account = UserConfigVectors.Account();
        var a = new ContactsConfig(account);
        var b = new ContactsConfig(account);
        var alice = UserConfigVectors.SessionId('a');
        var bob = UserConfigVectors.SessionId('b');
        var carol = UserConfigVectors.SessionId('c');
        a.Set(new ContactInfo(alice) { Name = "Alice", Approved = true });
        var first = a.Push();
        a.ConfirmPushed(first.Seqno, "h1");
        b.Merge([new ConfigIncoming("h1", first.Data)]);

        // Device A adds Bob and blocks Alice while device B, not knowing, nicknames Alice and adds Carol.
        a.Set(new ContactInfo(bob) { Name = "Bob" });
        a.Set(a.Get(alice)! with { Blocked = true });
        b.Set(b.Get(alice)! with { Nickname = "Al" });
        b.Set(new ContactInfo(carol) { Name = "Carol" });
        var pushA = a.Push();
        var pushB = b.Push();
        a.ConfirmPushed(pushA.Seqno, "hA");
        b.ConfirmPushed(pushB.Seqno, "hB");
        a.Merge([new ConfigIncoming("hB", pushB.Data)]);
        b.Merge([new ConfigIncoming("hA", pushA.Data)]);

        foreach (var device in new[] { a, b })
        {
            Assert.Equal(3, device.Count);
            Assert.Equal(3, device.Seqno);
            var merged = device.Get(alice)!;
            Assert.True(merged.Blocked);
            Assert.Equal("Al", merged.Nickname);
            Assert.NotNull(device.Get(bob));
            Assert.NotNull(device.Get(carol));
        }
        // Both made the same merge, so both would store identical bytes.
        var mergedA = a.Push();
        Assert.Equal(mergedA.Data, b.Push().Data);
        Assert.Equal(new[] { "hA", "hB" }, mergedA.ObsoleteHashes.Order());
    }

    [Fact]
    public void An_erased_contact_stays_erased_on_the_other_device()
    {
        using var account = UserConfigVectors.Account();
        var a = new ContactsConfig(account);
        var b = new ContactsConfig(account);
        var id = UserConfigVectors.SessionId('d');
        a.Set(new ContactInfo(id) { Name = "Dee" });
        var first = a.Push();
        a.ConfirmPushed(first.Seqno, "h1");
        b.Merge([new ConfigIncoming("h1", first.Data)]);
        Assert.True(a.Erase(id));
        Assert.False(a.Erase(id));
        var second = a.Push();
        b.Merge([new ConfigIncoming("h2", second.Data)]);
        Assert.Null(b.Get(id));
        Assert.Equal(0, b.Count);
    }
}
