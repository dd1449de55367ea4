// Makes group_config_pushes.txt: libsession-util 8762e9d's own group config code pushing a few configs.
// Build (from a libsession-util checkout, oxen-encoding a7de637 on the include path, Debian 12's libsodium-dev and libzstd-dev):
//   g++ -std=c++20 -I include -I src -I <oxen-encoding> make_group_config_pushes.cpp src/config.cpp src/config/base.cpp \
//     src/config/encrypt.cpp src/config/internal.cpp src/config/groups/info.cpp src/config/groups/members.cpp \
//     src/util.cpp src/bt_merge.cpp src/sodium_array.cpp -lsodium -lzstd
// (plus an oxenc/version.h; group configs never use protobuf, so protos::wrap/unwrap_config are stubbed below).
#include "session/config/protos.hpp"
#include <stdexcept>
namespace session::config::protos {
ustring wrap_config(ustring_view, ustring_view, int64_t, config::Namespace) { throw std::logic_error{"stub"}; }
ustring unwrap_config(ustring_view, ustring_view, config::Namespace) { throw std::logic_error{"stub"}; }
}
#include <session/config/groups/info.hpp>
#include <session/config/groups/members.hpp>
#include <sodium.h>
#include <oxenc/hex.h>
#include <iostream>
using namespace session; using namespace session::config;
static ustring hexb(std::string h){ auto s = oxenc::from_hex(h); return ustring{reinterpret_cast<const unsigned char*>(s.data()), s.size()}; }
static std::string hx(ustring_view u){ return oxenc::to_hex(u.begin(), u.end()); }
int main(){
  sodium_init();
  auto seed = hexb("0123456789abcdef0123456789abcdeffedcba9876543210fedcba9876543210");
  std::array<unsigned char,32> pk; std::array<unsigned char,64> sk;
  crypto_sign_ed25519_seed_keypair(pk.data(), sk.data(), seed.data());
  ustring_view pkv{pk.data(),32}, skv{sk.data(),64};
  auto ka = hexb(std::string(64,'a'));
  groups::Info info{pkv, skv, std::nullopt};
  info.add_key(ka, false);
  info.set_name("GROUP Name");
  auto [s1,p1,o1] = info.push();
  std::cout << "info_seqno1 = " << s1 << "\ninfo_push1 = " << hx(p1) << "\n";
  info.confirm_pushed(s1, "fakehash1");
  info.set_profile_pic("http://example.com/12345", hexb("abcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcd"));
  info.set_expiry_timer(std::chrono::seconds{3600});
  info.set_created(1682529839);
  info.set_delete_before(1682529839 + 50*86400);
  info.set_delete_attach_before(1682529839 + 70*86400);
  info.set_description("A description of the group");
  info.destroy_group();
  auto [s2,p2,o2] = info.push();
  std::cout << "info_seqno2 = " << s2 << "\ninfo_push2 = " << hx(p2) << "\n";
  groups::Members mem{pkv, skv, std::nullopt};
  mem.add_key(ka, false);
  for (int i = 0; i < 25; i++) {
    std::array<unsigned char,33> sid; for (auto& c : sid) c = i; sid[0] = 0x05;
    auto m = mem.get_or_construct(oxenc::to_hex(sid.begin(), sid.end()));
    if (i < 5) { m.set_promotion_accepted(); m.name = "Admin " + std::to_string(i); }
    else if (i < 10) { m.name = "Member " + std::to_string(i); m.profile_picture.url = "http://example.com/" + std::to_string(i); m.profile_picture.key = hexb("abcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcd"); }
    else if (i < 15) { m.set_invite_sent(); if (i % 2) m.supplement = true; }
    else if (i < 18) m.set_invite_failed();
    else if (i < 20) m.set_promotion_sent();
    else if (i < 22) m.set_removed(i == 21);
    mem.set(m);
  }
  auto [s3,p3,o3] = mem.push();
  std::cout << "members_seqno1 = " << s3 << "\nmembers_push1 = " << hx(p3) << "\n";
}
