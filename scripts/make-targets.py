#!/usr/bin/env python3
"""Regenerates crate/core/data/targets.tsv and popular*.tsv from the reference lists in
../shared/data/ (the curated brands, Indonesian official domains, the Cloudflare top-100k and the
Moz top 500). The held-out rule here must match `targets::is_held_out` (a test checks popular.tsv).
Needs the PyPI package `xxhash`. Developers only: the product builds from the committed output."""
import csv, os, sys, xxhash, re
ROOT=os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
S=os.environ.get('WASPADA_SHARED_DATA', os.path.join(ROOT,'..','shared','data'))+'/'
OUT=os.path.join(ROOT,'crate','core','data')+'/'
def key(d):
    d=d.strip().lower().rstrip('.')
    if d.startswith('www.'): d=d[4:]
    l=d.split('.')
    if len(l)>=3 and len(l[-1])==2 and len(l[-2])<=3: return l[-3]
    if len(l)>=2: return l[-2]
    return l[0]
def held(d): return xxhash.xxh3_64_intdigest(key(d).encode())%100<15
dom_re=re.compile(r'^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$')
rows=[]; seen=set(); curated_keys=set()
with open(S+'targets.tsv') as f:
    r=csv.reader(f,delimiter='\t'); hdr=next(r)
    for row in r:
        brand,doms,country,sector,src=row[:5]
        ds=[d.strip().lower() for d in doms.split(',') if dom_re.match(d.strip().lower())]
        if not ds: print('skip',brand,doms,file=sys.stderr); continue
        rows.append((brand,','.join(ds),country,sector,src.replace('\t',' ')))
        seen.update(ds)
FORCEKEY={}
# Our own curated brands of Malaysia, Singapore, Thailand, Vietnam and the Philippines (issue 13),
# with their brand keys and graded evidence: a row there replaces a shared row naming one of its domains.
GRADES=('VERIFIED','SECONDARY','REGISTER','LISTING')
with open(OUT+'targets_sea.tsv') as f:
    sea=[l.rstrip('\n').split('\t') for l in f if l.strip() and not l.startswith('#')][1:]
sea_domains=set()
for row in sea:
    brand,doms,keys,country,sector,ev=row
    ds=doms.split(',')
    assert all(dom_re.match(d) for d in ds), row
    assert ev.startswith(GRADES), 'targets_sea.tsv: evidence without a grade: '+brand
    assert all(k in {key(d) for d in ds} for k in filter(None,keys.split(','))), 'targets_sea.tsv: a key is not a label of the row: '+brand
    assert not (set(ds) & sea_domains), 'targets_sea.tsv: domain listed twice: '+brand
    sea_domains.update(ds)
replaced=[r for r in rows if set(r[1].split(',')) & sea_domains]
rows=[r for r in rows if r not in replaced]
seen=set(d for r in rows for d in r[1].split(','))
for brand,doms,keys,country,sector,ev in sea:
    rows.append((brand,doms,country,sector,ev))
    seen.update(doms.split(','))
    FORCEKEY[doms]=keys
print('targets_sea.tsv: %d rows, replacing %d shared rows'%(len(sea),len(replaced)),file=sys.stderr)

CRYPTO=[('MetaMask','metamask.io','metamask',706),('WalletConnect','walletconnect.com','walletconnect',617),('Binance','binance.com','binance',542),('Coinbase','coinbase.com','coinbase',434),('Ledger','ledger.com','',430),('Polkadot','polkadot.network','polkadot',424),('Blockchain.com','blockchain.com','',403),('Ethereum','ethereum.org','',385),('Uniswap','uniswap.org','uniswap',355),('PancakeSwap','pancakeswap.finance','pancakeswap',286),('Trust Wallet','trustwallet.com','trustwallet',152),('OpenSea','opensea.io','opensea',143),('Kraken','kraken.com','kraken',124),('Trezor','trezor.io','trezor',104),('imToken','token.im','imtoken',137)]
for b,d,k,n in CRYPTO:
    if d in seen: continue
    seen.add(d)
    rows.append((b,d,'GLOBAL','crypto','CORROBORATED %d hosts imitating the name (containing it or one edit away) in the bundled blocklist sources eth-phishing-detect 1.2.0 + polkadot deny list; official domain in Cloudflare Radar top-100k 2024-01 (crypto drainer targets)'%n))
    FORCEKEY[d]=k
# The globally most-phished brands the curated list lacks, from published brand-phishing rankings.
# Brands whose name is a common word or a name companies give their own hosts (Chase, Orange,
# Visa, Outlook on the web at outlook.example.com) are left to the ranked popular sites.
CP19='Check Point Research Brand Phishing Report Q4 2019 top 10 (https://www.marketscreener.com/news.php?id_news=29950801)'
CP23='Check Point Research Brand Phishing Report Q3 2023 top 10 (https://silicon.eu/brand-phishing-report-walmart-the-most-frequently-imitated-brand-11183.html)'
CP24Q1='Check Point Research Brand Phishing Ranking Q1 2024 top 10 (https://it-online.co.za/2024/04/17/microsoft-google-top-list-for-q1-phishing-attacks/)'
CP24Q3='Check Point Research Brand Phishing Ranking Q3 2024 top 10 (https://www.storyboard18.com/how-it-works/microsoft-leads-as-most-imitated-brand-with-61-phishing-attempts-report-45557.htm)'
CP21='Check Point Research Brand Phishing Report Q1 2021 top 5 (https://thepaypers.com/fraud-and-fincrime/news/banking-revealed-as-the-third-most-phished-industry-in-q4-2020-report-suggests)'
GU25='Guardio most imitated brands Q1 2025 top 10 (https://unifiedguru.com/steam-surges-to-top-of-most-spoofed-brands-list-in-q1)'
MT24='Mailtrack analysis of 1.14M PhishTank reports 2020-2024 (https://cybernews.com/security/meta-irs-phishing-scam/)'
VA21='Vade Phishers Favorites 2021 top 20 (https://www.helpnetsecurity.com/2022/03/04/most-impersonated-brands-phishing/)'
VA22='Vade Phishers Favorites H1 2022 top 25 (https://www.vadesecure.com/en/company/news/microsoft-is-the-most-impersonated-brand-in-phishing-attacks)'
VA23='Vade Phishing and Malware Report H1 2023 top 10 (https://www.prnewswire.com/news-releases/facebook-and-microsoft-are-the-most-impersonated-brands-in-phishing-attacks-301874179.html)'
AR19='Area 1 Security most spoofed brands May 2018-Feb 2019 (https://digitaltrends.com/computing/report-finds-paypal-as-largest-target-for-phishing-attempts)'
RM='RedMarlin monthly top phished brands (https://www.redmarlin.ai/monthly-top-phished-brands-report/)'
PL='PandaLabs fake-site brand shares (http://world.xorte.com/0,6,Cybercriminals-Creating-Nearly-60-000-Fake-Websites-Reports-PandaLabs,12405.html)'
GLOBAL=[('Santander','santander.com','santander',RM),
 ('eBay','ebay.com','ebay',AR19+'; '+PL),
 ('AT&T','att.com','att',AR19),
 ('Bank of America','bankofamerica.com','bankofamerica',AR19+'; '+RM+'; '+PL),
 ('DocuSign','docusign.com,docusign.net','docusign',VA22+'; '+RM),
 ('Credit Agricole','credit-agricole.fr','credit-agricole',VA22+'; '+VA23),
 ('SoftBank','softbank.jp','softbank',VA23),
 ('Western Union','westernunion.com','westernunion',PL),
 ('USAA','usaa.com','usaa',PL),
('Steam (Valve)','steamcommunity.com,steampowered.com','steamcommunity,steampowered',GU25+'; '+MT24),
 ('USPS','usps.com','usps',GU25),
 ('Roblox','roblox.com','roblox',GU25+'; '+CP21),
 ('WeTransfer','wetransfer.com','wetransfer',GU25),
 ('SunPass','sunpass.com','sunpass',GU25),
 ('Yahoo','yahoo.com','yahoo',CP19),
 ('Spotify','spotify.com','spotify',CP19),
 ('Wells Fargo','wellsfargo.com','wellsfargo',CP23),
 ('Mastercard','mastercard.com','mastercard',CP23),
 ('Airbnb','airbnb.com','airbnb',CP24Q1),
 ('Adidas','adidas.com','adidas',CP24Q3),
 ('Allegro','allegro.pl','allegro',MT24),
 ('IRS (US Internal Revenue Service)','irs.gov','irs',MT24)]
# Brands of Indonesia's own market the curated list lacks, with a published Indonesian report of
# phishing in their name.
ID_MARKET=[('TikTok / TikTok Shop','tiktok.com','tiktok','ID','marketplace',
  'VERIFIED TikTok Shop is a marketplace in Indonesia; fake verification links asking for the TikTok password in TikTok Shop orders per https://www.labviral.com/tech/13526/26062023/marak-penipuan-di-tiktok-shop-begini-cara-melaporkannya ; TikTok phishing messages per https://amp.suara.com/tekno/2022/10/26/111655/merasa-ditipu-di-tiktok-cepat-lakukan-hal-ini')]
for b,ds,k,country,sector,ev in ID_MARKET:
    ds=','.join(d for d in ds.split(',') if d not in seen)
    if not ds: continue
    seen.update(ds.split(','))
    rows.append((b,ds,country,sector,ev))
    FORCEKEY[ds]=k
for b,ds,k,ev in GLOBAL:
    ds=','.join(d for d in ds.split(',') if d not in seen)
    if not ds: continue
    seen.update(ds.split(','))
    rows.append((b,ds,'GLOBAL','global','VERIFIED among the most impersonated brands: '+ev))
    FORCEKEY[ds]=k
with open(S+'negatives_indonesia.tsv') as f:
    r=csv.reader(f,delimiter='\t'); next(r)
    for d,cat,ev in r:
        d=d.strip().lower()
        if d in seen or not dom_re.match(d): continue
        seen.add(d)
        rows.append((d,d,'ID',cat,'negatives_indonesia.tsv: '+ev))
for _,ds,*_ in rows:
    for d in ds.split(','): curated_keys.add(key(d))
with open(OUT+'targets.tsv','w') as f:
    f.write('# Protected targets: brands and their official domains. Compiled into the data file (sections TGT*).\n')
    f.write('# Sources: ../shared/data/targets.tsv (curated brand list with evidence), targets_sea.tsv (our own curated\n')
    f.write('# brands of Malaysia, Singapore, Thailand, Vietnam and the Philippines) and negatives_indonesia.tsv\n')
    f.write('# (official Indonesian domains with evidence). Columns: brand, official domains (comma-separated), country,\n')
    f.write('# sector, evidence. Do not add a domain without evidence.\n')
    f.write('# brand_keys: labels watched for inside other hosts (combosquats, brand embedding); empty when the name\n')
    f.write('# is a common word or the site is not a brand people are phished for (news, media).\n')
    f.write('brand\tofficial_domains\tbrand_keys\tcountry\tsector\tevidence\n')
    GENERIC={'live','office','x','jet','flip','maya','jago','kai','grab','tiket','dream','grid','bola','viva','tempo','suara','uzone','mail','police','axis','apple','amazon','google','dana','seabank','t'}
    for row in rows:
        brand,ds,country,sector,src=row
        keys=[]
        if src.startswith('negatives_indonesia.tsv') and sector.startswith('government'):
            keys=[]
        elif ds in FORCEKEY:
            keys=[FORCEKEY[ds]] if FORCEKEY[ds] else []
        elif not (sector.startswith('news') or sector.startswith('other popular')):
            for d in ds.split(','):
                k=key(d)
                if k not in keys and len(k)>=3 and k not in GENERIC - {'apple','amazon','google','dana','seabank'}: keys.append(k)
        f.write('\t'.join([brand,ds,','.join(keys),country,sector,src])+'\n')
n=0;h=0
with open(S+'dev/negatives_top100k_2024.tsv') as f, open(OUT+'popular.tsv','w') as o:
    o.write('# Popular sites: Cloudflare Radar top-100k domains, January 2024 (CC BY 4.0, https://radar.cloudflare.com/).\n')
    o.write('# Bundled part only: a domain is HELD OUT (not bundled, kept for measuring false positives) when\n')
    o.write('# xxh3_64(group key) % 100 < 15 and the key is not a curated target key; see waspada_core::targets::is_held_out.\n')
    o.write('domain\n')
    r=csv.reader(f,delimiter='\t'); next(r)
    for rank,d in r:
        d=d.strip().lower()
        if not d: continue
        if held(d) and key(d) not in curated_keys: h+=1; continue
        o.write(d+'\n'); n+=1
print('targets',len(rows),'popular',n,'held',h, 'curated keys', len(curated_keys))
with open(OUT+'popular_heldout_keys_note.txt','w') as o: pass
