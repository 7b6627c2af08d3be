-- Habeas schema 0035: each account has its language (its pages after sign-in, its emails, its digests) and its
-- choice of digits and era (docs/translating.md).
ALTER TABLE "asp_net_users" ADD "language" TEXT NULL;
ALTER TABLE "asp_net_users" ADD "reader_format" TEXT NULL;
