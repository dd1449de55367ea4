using Wisp.Protocol.Storage;

namespace Wisp.Protocol.Tests.Storage;

/// <summary>Each expected string restates the format Session's network-tests sign (see Vectors/session-storage-server/README.md).</summary>
public sealed class SignatureStringsTests
{
    private const long Ts = 1_700_000_000_123;
    private const string H1 = "bepQtTaYrzcuCXO3fZkmk/h3xkMQ3vCh94i5HzLmj3I";
    private const string H2 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq";
    private const string Account = "05ffba630924aa1224bb930dde21c0d11bf004608f2812217f8ac812d6c7e3ad48";

    [Fact]
    public void Store_signs_namespace_and_sig_timestamp()
    {
        Assert.Equal($"store-42{Ts}", Text(SignatureStrings.Store(-42, Ts)));       // test_msg_ns.py f"store-42{ts}"
        Assert.Equal($"store-1{Ts}", Text(SignatureStrings.Store(-1, Ts)));         // f"store-1{ts}"
        Assert.Equal($"store{Ts}", Text(SignatureStrings.Store(0, Ts)));
    }

    [Fact]
    public void Retrieve_omits_namespace_zero()
    {
        Assert.Equal($"retrieve{Ts}", Text(SignatureStrings.Retrieve(0, Ts)));      // test_session_auth.py f"retrieve{ts}"
        Assert.Equal($"retrieve40{Ts}", Text(SignatureStrings.Retrieve(40, Ts)));   // test_msg_ns.py f"retrieve40{ts}"
        Assert.Equal($"retrieve-42{Ts}", Text(SignatureStrings.Retrieve(-42, Ts)));
    }

    [Fact]
    public void Delete_concatenates_hashes_in_request_order() =>
        Assert.Equal("delete" + H2 + H1, Text(SignatureStrings.Delete([H2, H1])));

    [Fact]
    public void Delete_all_signs_scope_and_timestamp()
    {
        Assert.Equal($"delete_all{Ts}", Text(SignatureStrings.DeleteAll(NamespaceScope.Of(0), Ts))); // "delete_all{}".format(ts)
        Assert.Equal($"delete_allall{Ts}", Text(SignatureStrings.DeleteAll(NamespaceScope.All, Ts)));
        Assert.Equal($"delete_all-42{Ts}", Text(SignatureStrings.DeleteAll(NamespaceScope.Of(-42), Ts)));
    }

    [Fact]
    public void Delete_before_signs_scope_and_cutoff() =>
        Assert.Equal($"delete_before99{Ts}", Text(SignatureStrings.DeleteBefore(NamespaceScope.Of(99), Ts)));

    [Fact]
    public void Expire_signs_constraint_expiry_and_hashes()
    {
        Assert.Equal($"expire{Ts}{H1}{H2}", Text(SignatureStrings.Expire(ExpireConstraint.None, Ts, [H1, H2])));        // "expire" + str(ts) + "".join(hashes)
        Assert.Equal($"expireshorten{Ts}{H1}", Text(SignatureStrings.Expire(ExpireConstraint.ShortenOnly, Ts, [H1]))); // f"expireshorten{exp}{…}"
        Assert.Equal($"expireextend{Ts}{H1}", Text(SignatureStrings.Expire(ExpireConstraint.ExtendOnly, Ts, [H1])));
    }

    [Fact]
    public void Expire_all_signs_scope_and_expiry()
    {
        Assert.Equal($"expire_all{Ts}", Text(SignatureStrings.ExpireAll(NamespaceScope.Of(0), Ts))); // "expire_all{}".format(ts)
        Assert.Equal($"expire_allall{Ts}", Text(SignatureStrings.ExpireAll(NamespaceScope.All, Ts)));
    }

    [Fact]
    public void Get_expiries_signs_timestamp_then_hashes() =>
        Assert.Equal($"get_expiries{Ts}{H1}{H2}", Text(SignatureStrings.GetExpiries(Ts, [H1, H2]))); // f"get_expiries{now}{…}"

    [Fact]
    public void Node_signs_the_stored_hash_text() =>
        Assert.Equal(H1, Text(NodeSignatureStrings.Store(H1)));

    [Fact]
    public void Node_signs_delete_results() =>
        Assert.Equal(Account + H2 + H1 + H1, Text(NodeSignatureStrings.Delete(Account, [H2, H1], [H1])));

    [Fact]
    public void Node_signs_delete_all_results() =>
        // test_session_auth.py: "".join((my_ss_id, str(ts), *msg_hashes))
        Assert.Equal($"{Account}{Ts}{H2}{H1}", Text(NodeSignatureStrings.DeleteAll(Account, Ts, [H2, H1])));

    [Fact]
    public void Node_signs_expire_results_with_unchanged_pairs() =>
        // test_expire.py: "".join((my_ss_id, str(ts), *hashes, *actual_update_msgs)), then hash‖expiry of each unchanged.
        Assert.Equal($"{Account}{Ts}{H1}{H2}{H1}{H2}{Ts - 5}",
            Text(NodeSignatureStrings.Expire(Account, [Ts], [H1, H2], [H1], [KeyValuePair.Create(H2, Ts - 5)])));

    [Fact]
    public void Multi_expiry_signatures_concatenate_the_expiries() =>
        Assert.Equal($"expireextend{Ts}{Ts + 1}{H1}{H2}", Text(SignatureStrings.Expire(ExpireConstraint.ExtendOnly, [Ts, Ts + 1], [H1, H2])));

    [Fact]
    public void Revoke_signatures_carry_the_raw_token_bytes()
    {
        var token = SubaccountToken.Create(0x03, SubaccountAccess.Read, new byte[32]);
        var signed = SignatureStrings.RevokeSubaccount("revoke_subaccount", Ts, [token, token]);
        Assert.Equal(System.Text.Encoding.ASCII.GetBytes($"revoke_subaccount{Ts}").Concat(token.Bytes.ToArray()).Concat(token.Bytes.ToArray()), signed);
        Assert.Equal(System.Text.Encoding.ASCII.GetBytes($"{Account}{Ts}").Concat(token.Bytes.ToArray()),
            NodeSignatureStrings.RevokeSubaccount(Account, Ts, [token]));
    }

    [Fact]
    public void Node_signs_expire_all_results() =>
        Assert.Equal($"{Account}{Ts}{H1}", Text(NodeSignatureStrings.ExpireAll(Account, Ts, [H1])));

    private static string Text(byte[] bytes) => System.Text.Encoding.UTF8.GetString(bytes);
}
