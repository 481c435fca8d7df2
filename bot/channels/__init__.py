"""Channel adapters: each turns one provider's requests into helpline messages and back."""
